import "server-only";
import { resumeCreation, resumeDistribution, type SessionDeps } from "./service";
import { OPEN_STATUSES } from "@/lib/domain/statuses";
import { expireIfDue } from "./status";

export type RecoveryReport = { sessionsResumed: number; sendsResumed: number; failed: number; busy: number; expired: number };

/**
 * Finishes what an interrupted process left: sessions recorded but never confirmed by the provider,
 * and sends recorded but never confirmed. Every step repeats the original call with its original
 * idempotency key, so the provider answers with its first result instead of acting twice. Workers
 * claim rows with a lease, so several instances may run this at once.
 */
export async function recoverInterrupted(deps: SessionDeps, options: { staleMs?: number; limit?: number } = {}): Promise<RecoveryReport> {
  const now = deps.now?.() ?? new Date();
  const cutoff = new Date(now.getTime() - (options.staleMs ?? 30_000));
  const limit = options.limit ?? 50;
  const free = { OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] };
  const report: RecoveryReport = { sessionsResumed: 0, sendsResumed: 0, failed: 0, busy: 0, expired: 0 };

  const sessions = await deps.db.paymentSession.findMany({
    where: { status: "CREATING", updatedAt: { lt: cutoff }, ...free },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  for (const { id } of sessions) {
    const result = await resumeCreation(deps, id);
    if (result === "created") report.sessionsResumed++;
    else report[result === "busy" ? "busy" : "failed"]++;
  }

  const sends = await deps.db.distribution.findMany({
    where: { outcome: "PENDING", createdAt: { lt: cutoff }, ...free, session: { status: { not: "CREATING" } } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  for (const { id } of sends) {
    const result = await resumeDistribution(deps, id);
    if (result === "sent") report.sendsResumed++;
    else report[result === "busy" ? "busy" : "failed"]++;
  }

  const due = await deps.db.paymentSession.findMany({
    where: { expiresAt: { lte: now }, status: { in: [...OPEN_STATUSES] } },
    select: { id: true, status: true, providerSessionId: true, sessionUrl: true, distributionUrl: true, expiresAt: true },
    take: limit,
  });
  for (const session of due) if (await expireIfDue(deps.db, session, now)) report.expired++;
  return report;
}
