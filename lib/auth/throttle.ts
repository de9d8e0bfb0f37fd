import type { Db } from "@/lib/db";

export const THROTTLE_MAX_FAILURES = 5;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

type LoginAttempts = Pick<Db, "loginAttempt">;

/**
 * Failed (and in-flight) sign-ins for one email since its last success, within the window.
 * Counted in the database, so the limit holds across server processes.
 */
async function failuresSinceLastSuccess(db: LoginAttempts, email: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { email, succeeded: true, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  return db.loginAttempt.count({ where: { email, succeeded: false, createdAt: { gte: lastSuccess?.createdAt ?? since } } });
}

export async function isThrottled(db: Db, email: string, now = new Date()): Promise<boolean> {
  return (await failuresSinceLastSuccess(db, normalizeEmail(email), now)) >= THROTTLE_MAX_FAILURES;
}

/**
 * Checks the limit and records the attempt as a failure *before* the password is verified, in one
 * transaction serialised per email by an advisory lock: parallel guesses from any number of
 * processes are counted one after another, so at most THROTTLE_MAX_FAILURES get verified.
 * Returns the attempt's id, or null when throttled (refused guesses are not recorded).
 */
export async function beginLoginAttempt(db: Db, email: string, now = new Date()): Promise<string | null> {
  const normalized = normalizeEmail(email);
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${normalized}))`;
      if ((await failuresSinceLastSuccess(tx, normalized, now)) >= THROTTLE_MAX_FAILURES) return null;
      const attempt = await tx.loginAttempt.create({ data: { email: normalized, succeeded: false }, select: { id: true } });
      return attempt.id;
    },
    // Sign-in bursts queue for the lock (and, on the embedded database, for its one connection).
    { maxWait: 10_000, timeout: 10_000 },
  );
}

/** Marks an attempt begun with beginLoginAttempt as a success, which resets the failure count. */
export async function markLoginSucceeded(db: Db, attemptId: string): Promise<void> {
  await db.loginAttempt.update({ where: { id: attemptId }, data: { succeeded: true } });
}
