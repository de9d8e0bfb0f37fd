import "server-only";
import { isFinal } from "@/lib/domain/statuses";
import { isHppError, type HppErrorCode } from "@/lib/hpp";
import { nowOf, type LinkDeps } from "./deps";
import { syncFromProvider } from "./status";

/** What a status read of a link needs. */
export const SYNC_SELECT = {
  id: true,
  status: true,
  provider: true,
  providerSessionId: true,
  sessionUrl: true,
  distributionUrl: true,
  expiresAt: true,
  lastSyncedAt: true,
} as const;

/**
 * Re-reads a live link from the provider when the last look is older than `maxAgeMs` — the
 * fallback for a callback that never came. Provider trouble leaves the stored status as it is.
 * The look is claimed in the database first, so concurrent pollers (on any instance) make one
 * provider call, and a provider that keeps failing is asked at most once per `maxAgeMs`.
 */
export async function refreshIfStale(deps: LinkDeps, linkId: string, maxAgeMs = 5_000): Promise<RefreshOutcome> {
  const now = nowOf(deps);
  const link = await deps.db.paymentSession.findUnique({ where: { id: linkId }, select: SYNC_SELECT });
  // Nothing to look for: the link has ended, or is still being created.
  if (!link || isFinal(link.status) || link.status === "CREATING") return { read: false };
  if (link.lastSyncedAt && now.getTime() - link.lastSyncedAt.getTime() < maxAgeMs) return { read: false };
  const { count } = await deps.db.paymentSession.updateMany({
    where: { id: linkId, OR: [{ lastSyncedAt: null }, { lastSyncedAt: { lte: new Date(now.getTime() - maxAgeMs) } }] },
    data: { lastSyncedAt: now },
  });
  if (count === 0) return { read: false };
  try {
    await syncFromProvider(deps.db, deps.provider(link.provider), link, "PROVIDER_POLL", now);
    return { read: true };
  } catch (error) {
    if (!isHppError(error)) throw error;
    console.warn(`[payment-links] status refresh failed for ${linkId}: ${error.code}`);
    return { read: true, errorCode: error.code };
  }
}

/** Whether this call looked at the provider (it had the claim), and the provider's error if it failed. */
export type RefreshOutcome = { read: boolean; errorCode?: HppErrorCode };
