import "server-only";
import { UserError } from "@/lib/actions/user-error";
import { OPEN_STATUSES } from "@/lib/domain/statuses";
import { nowOf, type LinkDeps } from "./deps";
import { deliver } from "./deliver";
import { claimLink, unleased } from "./lease";
import { loadLink } from "./link-row";
import { createAtProvider } from "./provider-create";
import { sendDueReminders } from "./reminders";
import { expireIfDue } from "./status";

/** Resume a link whose creation was interrupted. */
export async function resumeCreation(deps: LinkDeps, linkId: string): Promise<"created" | "busy" | "failed"> {
  if (!(await claimLink(deps, linkId, "CREATING"))) return "busy";
  try {
    await createAtProvider(deps, await loadLink(deps, { id: linkId }), "RECOVERY");
    return "created";
  } catch (error) {
    if (error instanceof UserError) return "failed";
    throw error;
  }
}

/** Finish a send that was recorded but whose outcome was never written. */
export async function resumeSend(deps: LinkDeps, sendId: string): Promise<"sent" | "busy" | "failed"> {
  const send = await deps.db.distribution.findUniqueOrThrow({ where: { id: sendId }, select: { sessionId: true } });
  const link = await loadLink(deps, { id: send.sessionId });
  if (link.status === "CREATING") return "busy";
  try {
    return (await deliver(deps, link, sendId, "RECOVERY")) === "sent" ? "sent" : "busy";
  } catch (error) {
    if (error instanceof UserError) return "failed";
    throw error;
  }
}

export type RecoveryReport = { sessionsResumed: number; sendsResumed: number; failed: number; busy: number; expired: number; reminders: number };

/**
 * Finishes what an interrupted process left: links recorded but never confirmed by the provider,
 * and sends recorded but never confirmed. Every step repeats the original call with its original
 * idempotency key, so the provider answers with its first result instead of acting twice. Workers
 * claim rows with a lease, so several instances may run this at once.
 */
export async function recoverInterrupted(deps: LinkDeps, options: { staleMs?: number; limit?: number } = {}): Promise<RecoveryReport> {
  const now = nowOf(deps);
  const cutoff = new Date(now.getTime() - (options.staleMs ?? 30_000));
  const limit = options.limit ?? 50;
  const free = unleased(now);
  const report: RecoveryReport = { sessionsResumed: 0, sendsResumed: 0, failed: 0, busy: 0, expired: 0, reminders: 0 };

  const sessions = await deps.db.paymentSession.findMany({
    where: { status: "CREATING", updatedAt: { lt: cutoff }, ...free },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  const tally = (result: "busy" | "failed" | "done", done: "sessionsResumed" | "sendsResumed") => report[result === "done" ? done : result]++;
  for (const { id } of sessions) {
    const result = await resumeCreation(deps, id);
    tally(result === "created" ? "done" : result, "sessionsResumed");
  }

  const sends = await deps.db.distribution.findMany({
    where: { outcome: "PENDING", createdAt: { lt: cutoff }, ...free, session: { status: { not: "CREATING" } } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  for (const { id } of sends) {
    const result = await resumeSend(deps, id);
    tally(result === "sent" ? "done" : result, "sendsResumed");
  }

  const due = await deps.db.paymentSession.findMany({
    where: { expiresAt: { lte: now }, status: { in: [...OPEN_STATUSES] } },
    select: { id: true, status: true, providerSessionId: true, sessionUrl: true, distributionUrl: true, expiresAt: true },
    take: limit,
  });
  for (const session of due) if (await expireIfDue(deps.db, session, now)) report.expired++;
  report.reminders = (await sendDueReminders(deps, { limit })).sent;
  return report;
}
