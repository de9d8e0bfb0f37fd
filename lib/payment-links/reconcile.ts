import "server-only";
import { OPEN_STATUSES } from "@/lib/domain/statuses";
import type { ProviderKind } from "@/lib/hpp";
import { nowOf, type LinkDeps } from "./deps";
import { noteProviderCall } from "./job-state";
import { refreshIfStale } from "./refresh";

const PROVIDER_KINDS: ProviderKind[] = ["KUSTOM", "PAYMENT_PLATFORM"];

export type ReconcileOptions = {
  /** A live link is re-read when its last look at the provider is older than this. */
  intervalMs: number;
  /** Provider reads per run at most (each instance, sequential), which keeps the job inside the provider's rate limits. */
  limit?: number;
};

export type ReconcileReport = { reread: number; failed: number; rateLimited: boolean };

/** Links about to expire are looked at this many times as often, so a late payment is not missed. */
const NEAR_EXPIRY_FACTOR = 5;

/**
 * The fallback for lost status callbacks: re-reads every live link whose last look at the provider is
 * older than the interval (a fifth of it when the link expires within one interval). Each read is
 * claimed in the database first (compare-and-set on lastSyncedAt), so several instances running this
 * at once read each link at most once per interval. A provider that answers 429 is left alone until
 * the next run.
 */
export async function reconcileLinks(deps: LinkDeps, options: ReconcileOptions): Promise<ReconcileReport> {
  const now = nowOf(deps);
  const { intervalMs } = options;
  const nearMs = Math.max(1_000, Math.floor(intervalMs / NEAR_EXPIRY_FACTOR));
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const readable = PROVIDER_KINDS.filter((kind) => deps.provider(kind).capabilities.readSession);
  const report: ReconcileReport = { reread: 0, failed: 0, rateLimited: false };
  if (readable.length === 0) return report;

  const candidates = await deps.db.paymentSession.findMany({
    where: {
      status: { in: [...OPEN_STATUSES] },
      provider: { in: readable },
      providerSessionId: { not: null },
      OR: [
        { lastSyncedAt: null, createdAt: { lte: ago(intervalMs) } },
        { lastSyncedAt: { lte: ago(intervalMs) } },
        { expiresAt: { lte: new Date(now.getTime() + intervalMs) }, OR: [{ lastSyncedAt: null }, { lastSyncedAt: { lte: ago(nearMs) } }] },
      ],
    },
    select: { id: true, provider: true, expiresAt: true },
    orderBy: [{ lastSyncedAt: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
    take: options.limit ?? 100,
  });

  const paused = new Set<ProviderKind>();
  for (const link of candidates) {
    if (paused.has(link.provider)) continue;
    const nearExpiry = link.expiresAt !== null && link.expiresAt.getTime() <= now.getTime() + intervalMs;
    const outcome = await refreshIfStale(deps, link.id, nearExpiry ? nearMs : intervalMs);
    if (!outcome.read) continue;
    report.reread++;
    noteProviderCall(link.provider, nowOf(deps), outcome.errorCode);
    if (outcome.errorCode) report.failed++;
    if (outcome.errorCode === "RATE_LIMITED") {
      paused.add(link.provider);
      report.rateLimited = true;
    }
  }
  return report;
}
