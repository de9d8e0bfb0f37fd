import { rawRows, type Db } from "@/lib/db";
import { Prisma, type Role } from "@/lib/generated/prisma/client";

/** Why a session ended: kept on the row for support, never shown to anyone else. */
export type EndReason =
  | "signed_out"
  | "signed_out_everywhere"
  | "disabled"
  | "password_reset"
  | "password_changed"
  | "role_changed"
  | "store_changed";

export type SessionLifetime = { idleMs: number; maxMs: number };

/** lastSeenAt is written at most this often, so a busy page does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

type Sessions = Pick<Db, "signInSession"> | Prisma.TransactionClient;

export async function startSignInSession(db: Sessions, userId: string, lifetime: SessionLifetime, now = new Date()): Promise<string> {
  const row = await db.signInSession.create({
    data: { userId, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + lifetime.maxMs) },
    select: { id: true },
  });
  return row.id;
}

type SessionTimes = { lastSeenAt: Date; expiresAt: Date; endedAt: Date | null };

/** Not ended, within its absolute lifetime, and not idle too long. */
function isLive(row: SessionTimes, lifetime: SessionLifetime, now: Date): boolean {
  if (row.endedAt) return false;
  return now.getTime() < Math.min(row.expiresAt.getTime(), row.lastSeenAt.getTime() + lifetime.idleMs);
}

/** Moves a live session's lastSeenAt forward, at most once a minute. */
async function touchSession(db: Sessions, sessionId: string, row: SessionTimes, now: Date): Promise<void> {
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.signInSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { lastSeenAt: now } });
  }
}

type LiveOptions = { now?: Date; touch?: boolean };

/**
 * The user of a live session, or null when it ended, passed its absolute lifetime or sat idle too
 * long. A live session's lastSeenAt moves forward (at most once a minute) unless `touch` is false.
 */
export async function liveSessionUserId(db: Db, sessionId: string, lifetime: SessionLifetime, options: LiveOptions = {}): Promise<string | null> {
  return (await liveSessionUser(db, sessionId, lifetime, options))?.id ?? null;
}

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  storeId: string | null;
  disabled: boolean;
  store: { name: string; country: string; locale: string } | null;
};

/**
 * The user behind a live session (see liveSessionUserId), read with the session in one query. Every
 * page and action asks this first, so it skips Prisma's query engine (lib/db.ts rawRows).
 */
export async function liveSessionUser(db: Db, sessionId: string, lifetime: SessionLifetime, { now = new Date(), touch = true }: LiveOptions = {}): Promise<SessionUser | null> {
  const [row] = await rawRows<SessionTimes & Omit<SessionUser, "store"> & { storeName: string | null; storeCountry: string; storeLocale: string }>(
    db,
    Prisma.sql`
      SELECT s."lastSeenAt" AT TIME ZONE 'UTC' AS "lastSeenAt", s."expiresAt" AT TIME ZONE 'UTC' AS "expiresAt", s."endedAt" AT TIME ZONE 'UTC' AS "endedAt",
        u."id", u."email", u."name", u."role"::text AS "role", u."storeId", u."disabled", st."name" AS "storeName", st."country" AS "storeCountry", st."locale" AS "storeLocale"
      FROM "SignInSession" s JOIN "User" u ON u."id" = s."userId" LEFT JOIN "Store" st ON st."id" = u."storeId"
      WHERE s."id" = ${sessionId}`,
  );
  if (!row || !isLive(row, lifetime, now)) return null;
  if (touch) await touchSession(db, sessionId, row, now);
  const store = row.storeName === null ? null : { name: row.storeName, country: row.storeCountry, locale: row.storeLocale };
  return { id: row.id, email: row.email, name: row.name, role: row.role, storeId: row.storeId, disabled: row.disabled, store };
}

export async function endSignInSession(db: Sessions, sessionId: string, reason: EndReason, now = new Date()): Promise<void> {
  await db.signInSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: now, endReason: reason } });
}

/** Ends every open session of a user; returns how many were open. */
export async function endAllSignInSessions(db: Sessions, userId: string, reason: EndReason, now = new Date()): Promise<number> {
  const result = await db.signInSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now, endReason: reason } });
  return result.count;
}
