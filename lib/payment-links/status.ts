import "server-only";
import { isHppError, type HppProvider, type SessionRef } from "@/lib/hpp";
import type { Db } from "@/lib/db";
import { isLocked, isProviderFinal } from "@/lib/domain/statuses";
import type { EventSource, SessionStatus } from "@/lib/generated/prisma/enums";
import { recordEvent, type LinkEventDetail } from "./events";

/** Whether a link may move from one status to another: never out of a locked one. */
export function canMove(from: SessionStatus, to: SessionStatus): boolean {
  if (from === to || isLocked(from)) return false;
  // The customer's word that they paid yields to a manager's check or the provider's final word, never to the clock.
  if (from === "PAID_UNCONFIRMED") return to === "COMPLETED" || to === "FAILED" || isProviderFinal(to);
  // EXPIRED yields only to a provider's final word.
  if (from === "EXPIRED") return isProviderFinal(to);
  return true;
}

/**
 * Moves a link to `to` unless that would leave a final status; a compare-and-set on the current
 * status, so concurrent callbacks and polls cannot interleave. Returns whether it changed.
 */
export async function applyStatus(
  db: Db,
  linkId: string,
  to: SessionStatus,
  source: EventSource,
  options: { actorId?: string; now?: Date; detail?: LinkEventDetail } = {},
): Promise<boolean> {
  const now = options.now ?? new Date();
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await db.paymentSession.findUnique({ where: { id: linkId }, select: { status: true } });
    if (!current || !canMove(current.status, to)) return false;
    const changed = await db.$transaction(async (tx) => {
      const { count } = await tx.paymentSession.updateMany({
        where: { id: linkId, status: current.status },
        data: { status: to, statusChangedAt: now },
      });
      if (count === 0) return false;
      await recordEvent(tx, {
        linkId: linkId,
        type: "STATUS_CHANGED",
        fromStatus: current.status,
        toStatus: to,
        source,
        actorId: options.actorId ?? null,
        ...(options.detail ? { detail: options.detail } : {}),
      });
      return true;
    });
    if (changed) return true;
  }
  return false;
}

type SyncableLink = {
  id: string;
  status: SessionStatus;
  providerSessionId: string | null;
  sessionUrl: string | null;
  distributionUrl: string | null;
  expiresAt: Date | null;
};

/** How the provider knows this link: its HPP session id and URLs; null until created. */
export function providerSessionRef(link: SyncableLink): SessionRef | null {
  if (!link.providerSessionId) return null;
  return {
    providerSessionId: link.providerSessionId,
    ...(link.sessionUrl ? { sessionUrl: link.sessionUrl } : {}),
    ...(link.distributionUrl ? { distributionUrl: link.distributionUrl } : {}),
    ...(link.expiresAt ? { expiresAt: link.expiresAt } : {}),
  };
}

/** Marks a link EXPIRED once its expiry has passed, unless it already ended. */
export async function expireIfDue(db: Db, link: SyncableLink, now: Date): Promise<boolean> {
  if (!link.expiresAt || link.expiresAt > now) return false;
  return applyStatus(db, link.id, "EXPIRED", "PORTAL", { now });
}

/**
 * Reads the link from the provider and applies its status. The provider is the source of truth;
 * callbacks only tell the portal when to look.
 */
export async function syncFromProvider(
  db: Db,
  provider: HppProvider,
  link: SyncableLink,
  source: EventSource,
  now: Date,
): Promise<void> {
  const ref = providerSessionRef(link);
  if (ref && provider.capabilities.readSession) {
    try {
      const snapshot = await provider.getSession(ref);
      await applyStatus(db, link.id, snapshot.status, source, { now });
    } catch (error) {
      if (!isHppError(error) || (error.code !== "NOT_FOUND" && error.code !== "SESSION_EXPIRED")) throw error;
      // The provider no longer knows the link (it expired early, or was removed): nobody can pay it any more.
      await applyStatus(db, link.id, "EXPIRED", source, { now, detail: { code: error.code } });
    }
  }
  await expireIfDue(db, link, now);
  await db.paymentSession.update({ where: { id: link.id }, data: { lastSyncedAt: now } });
}
