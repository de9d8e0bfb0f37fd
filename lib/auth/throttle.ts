import { createHash } from "node:crypto";
import type { Db } from "@/lib/db";

/** Wrong passwords one address may try for one account per window, since its last success there. */
export const THROTTLE_MAX_FAILURES = 5;
/** Wrong passwords one address may try across all accounts per window (spraying many accounts). */
export const THROTTLE_MAX_FAILURES_PER_ADDRESS = 30;
/**
 * Wrong passwords for one account from all addresses together per window (distributed guessing).
 * Addresses that signed in to the account within KNOWN_ADDRESS_MS are exempt, so a ceiling reached
 * by strangers never locks the owner out of their usual place.
 */
export const THROTTLE_ACCOUNT_CEILING = 100;
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60 * 1000;

export type ThrottleLimit = "account-address" | "address" | "account";

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A stable, non-reversible label for an account in logs: never the email itself. */
export function accountLabel(email: string): string {
  return createHash("sha256").update(normalizeEmail(email)).digest("hex").slice(0, 12);
}

type LoginAttempts = Pick<Db, "loginAttempt">;
type Attempt = { email?: string; address?: string };

/** Failures (and in-flight attempts) matching `where` since its last success, within the window. */
async function failuresSinceLastSuccess(db: LoginAttempts, where: Attempt, now: Date): Promise<number> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { ...where, succeeded: true, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  return db.loginAttempt.count({ where: { ...where, succeeded: false, createdAt: { gte: lastSuccess?.createdAt ?? since } } });
}

/** Which limit (if any) stops a new attempt for this account from this address. */
export async function throttledBy(db: LoginAttempts, email: string, address: string, now = new Date()): Promise<ThrottleLimit | null> {
  const normalized = normalizeEmail(email);
  if ((await failuresSinceLastSuccess(db, { email: normalized, address }, now)) >= THROTTLE_MAX_FAILURES) return "account-address";
  if ((await failuresSinceLastSuccess(db, { address }, now)) >= THROTTLE_MAX_FAILURES_PER_ADDRESS) return "address";
  if ((await failuresSinceLastSuccess(db, { email: normalized }, now)) < THROTTLE_ACCOUNT_CEILING) return null;
  const known = await db.loginAttempt.findFirst({
    where: { email: normalized, address, succeeded: true, createdAt: { gte: new Date(now.getTime() - KNOWN_ADDRESS_MS) } },
    select: { id: true },
  });
  return known ? null : "account";
}

export async function isThrottled(db: Db, email: string, now = new Date(), address = "unknown"): Promise<boolean> {
  return (await throttledBy(db, email, address, now)) !== null;
}

export type BeganAttempt = { ok: true; attemptId: string } | { ok: false; limit: ThrottleLimit };

/**
 * Checks the limits and records the attempt as a failure *before* the password is verified, in one
 * transaction serialised per account and per address by advisory locks: parallel guesses from any
 * number of processes are counted one after another. Refused attempts are not recorded, so guesses
 * from one address never use up the account's ceiling beyond THROTTLE_MAX_FAILURES.
 */
export async function beginLoginAttempt(db: Db, email: string, address = "unknown", now = new Date()): Promise<BeganAttempt> {
  const normalized = normalizeEmail(email);
  return db.$transaction(
    async (tx) => {
      // Always account first, then address: no two transactions wait on each other in a cycle.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(1, hashtext(${normalized}))`;
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(2, hashtext(${address}))`;
      const limit = await throttledBy(tx, normalized, address, now);
      if (limit) return { ok: false, limit } as const;
      const attempt = await tx.loginAttempt.create({ data: { email: normalized, address, succeeded: false }, select: { id: true } });
      return { ok: true, attemptId: attempt.id } as const;
    },
    // Sign-in bursts queue for the lock (and, on the embedded database, for its one connection).
    { maxWait: 10_000, timeout: 10_000 },
  );
}

/** Marks an attempt begun with beginLoginAttempt as a success, which resets its failure counts. */
export async function markLoginSucceeded(db: Db, attemptId: string): Promise<void> {
  await db.loginAttempt.update({ where: { id: attemptId }, data: { succeeded: true } });
}
