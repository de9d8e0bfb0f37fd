import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

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

/**
 * The user of a live session, or null when it ended, passed its absolute lifetime or sat idle too
 * long. A live session's lastSeenAt moves forward (at most once a minute) unless `touch` is false.
 */
export async function liveSessionUserId(
  db: Sessions,
  sessionId: string,
  lifetime: SessionLifetime,
  { now = new Date(), touch = true }: { now?: Date; touch?: boolean } = {},
): Promise<string | null> {
  const row = await db.signInSession.findUnique({ where: { id: sessionId }, select: { userId: true, lastSeenAt: true, expiresAt: true, endedAt: true } });
  if (!row || row.endedAt) return null;
  const maxEnd = Math.min(row.expiresAt.getTime(), row.lastSeenAt.getTime() + lifetime.idleMs);
  if (now.getTime() >= maxEnd) return null;
  if (touch && now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.signInSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { lastSeenAt: now } });
  }
  return row.userId;
}

export async function endSignInSession(db: Sessions, sessionId: string, reason: EndReason, now = new Date()): Promise<void> {
  await db.signInSession.updateMany({ where: { id: sessionId, endedAt: null }, data: { endedAt: now, endReason: reason } });
}

/** Ends every open session of a user; returns how many were open. */
export async function endAllSignInSessions(db: Sessions, userId: string, reason: EndReason, now = new Date()): Promise<number> {
  const result = await db.signInSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now, endReason: reason } });
  return result.count;
}
