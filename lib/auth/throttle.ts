import type { Db } from "@/lib/db";

export const THROTTLE_MAX_FAILURES = 5;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Failed sign-ins for one email since its last success, within the window. Counted in the
 * database, so the limit holds across server processes.
 */
export async function isThrottled(db: Db, email: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { email: normalizeEmail(email), succeeded: true, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const failures = await db.loginAttempt.count({
    where: { email: normalizeEmail(email), succeeded: false, createdAt: { gte: lastSuccess?.createdAt ?? since } },
  });
  return failures >= THROTTLE_MAX_FAILURES;
}

export async function recordLoginAttempt(db: Db, email: string, succeeded: boolean): Promise<void> {
  await db.loginAttempt.create({ data: { email: normalizeEmail(email), succeeded } });
}
