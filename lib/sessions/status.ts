import "server-only";
import { isHppError, type HppProvider, type SessionRef } from "@/lib/hpp";
import type { Db } from "@/lib/db";
import { isLocked, isProviderFinal } from "@/lib/domain/statuses";
import type { EventSource, SessionStatus } from "@/lib/generated/prisma/enums";


export function canMove(from: SessionStatus, to: SessionStatus): boolean {
  if (from === to || isLocked(from)) return false;
  // EXPIRED yields only to a provider's final word.
  if (from === "EXPIRED") return isProviderFinal(to);
  return true;
}

/**
 * Moves a session to `to` unless that would leave a final status; a compare-and-set on the current
 * status, so concurrent callbacks and polls cannot interleave. Returns whether it changed.
 */
export async function applyStatus(
  db: Db,
  sessionId: string,
  to: SessionStatus,
  source: EventSource,
  options: { actorId?: string; now?: Date; detail?: Record<string, unknown> } = {},
): Promise<boolean> {
  const now = options.now ?? new Date();
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await db.paymentSession.findUnique({ where: { id: sessionId }, select: { status: true } });
    if (!current || !canMove(current.status, to)) return false;
    const changed = await db.$transaction(async (tx) => {
      const { count } = await tx.paymentSession.updateMany({
        where: { id: sessionId, status: current.status },
        data: { status: to, statusChangedAt: now },
      });
      if (count === 0) return false;
      await tx.sessionEvent.create({
        data: {
          sessionId,
          type: "STATUS_CHANGED",
          fromStatus: current.status,
          toStatus: to,
          source,
          actorId: options.actorId ?? null,
          ...(options.detail ? { detail: options.detail as object } : {}),
        },
      });
      return true;
    });
    if (changed) return true;
  }
  return false;
}

type SyncableSession = {
  id: string;
  status: SessionStatus;
  providerSessionId: string | null;
  sessionUrl: string | null;
  distributionUrl: string | null;
  expiresAt: Date | null;
};

export function sessionRef(session: SyncableSession): SessionRef | null {
  if (!session.providerSessionId) return null;
  return {
    providerSessionId: session.providerSessionId,
    ...(session.sessionUrl ? { sessionUrl: session.sessionUrl } : {}),
    ...(session.distributionUrl ? { distributionUrl: session.distributionUrl } : {}),
    ...(session.expiresAt ? { expiresAt: session.expiresAt } : {}),
  };
}

/** Marks a session EXPIRED once its expiry has passed, unless it already ended. */
export async function expireIfDue(db: Db, session: SyncableSession, now: Date): Promise<boolean> {
  if (!session.expiresAt || session.expiresAt > now) return false;
  return applyStatus(db, session.id, "EXPIRED", "PORTAL", { now });
}

/**
 * Reads the session from the provider and applies its status. The provider is the source of truth;
 * callbacks only tell the portal when to look.
 */
export async function syncFromProvider(
  db: Db,
  provider: HppProvider,
  session: SyncableSession,
  source: EventSource,
  now: Date,
): Promise<void> {
  const ref = sessionRef(session);
  if (ref && provider.capabilities.readSession) {
    try {
      const snapshot = await provider.getSession(ref);
      await applyStatus(db, session.id, snapshot.status, source, { now });
    } catch (error) {
      if (!isHppError(error) || (error.code !== "NOT_FOUND" && error.code !== "SESSION_EXPIRED")) throw error;
      // The provider forgets a session once it expires: only our own expiry decides.
    }
  }
  await expireIfDue(db, session, now);
  await db.paymentSession.update({ where: { id: session.id }, data: { lastSyncedAt: now } });
}
