import "server-only";
import { UserError } from "@/lib/actions/user-error";
import { channelMeta, formChannel } from "@/lib/domain/channels";
import { OPEN_STATUSES } from "@/lib/domain/statuses";
import { nowOf, type LinkDeps } from "./deps";
import { deliver } from "./deliver";
import { recordEvent } from "./events";
import { storeLastSend } from "./last-send";
import { isUniqueViolation, loadLink } from "./link-row";
import { lastSuccessfulSend } from "./sends";

/** No reminder for a link that expires this soon: it would arrive for a link about to stop working. */
export const REMINDER_EXPIRY_MARGIN_MS = 60 * 60 * 1000;

export type ReminderReport = { sent: number; skipped: number; failed: number };

/** The one key a link's reminder is ever sent with: unique in the database and at the provider. */
export const reminderKey = (linkId: string) => `${linkId}:reminder`;

/**
 * Takes the link's due reminder for this worker and records its send, in one transaction: the claim
 * (remindAt cleared, only while the link is still open, not dismissed and not expiring within the hour)
 * and the send with its fixed key. Of several job runners exactly one records it; null for the others,
 * and for a link no longer eligible (its reminder is dropped).
 */
async function claimReminder(deps: LinkDeps, linkId: string, now: Date): Promise<string | null> {
  const eligible = {
    id: linkId,
    remindAt: { not: null, lte: now },
    dismissedAt: null,
    status: { in: [...OPEN_STATUSES] },
    OR: [{ expiresAt: null }, { expiresAt: { gt: new Date(now.getTime() + REMINDER_EXPIRY_MARGIN_MS) } }],
  };
  const last = await lastSuccessfulSend(deps.db, linkId);
  const byProvider = last && channelMeta(formChannel(last.channel)).providerMethod !== null;
  try {
    return await deps.db.$transaction(async (tx) => {
      const { count } = await tx.paymentSession.updateMany({ where: eligible, data: { remindAt: null } });
      if (count === 0 || !last || !byProvider) {
        // Not (or no longer) eligible, or nothing the provider could send again: the reminder is dropped.
        await tx.paymentSession.updateMany({ where: { id: linkId, remindAt: { not: null, lte: now } }, data: { remindAt: null } });
        return null;
      }
      const link = await tx.paymentSession.findUniqueOrThrow({ where: { id: linkId }, select: { createdById: true } });
      const send = await tx.distribution.create({
        data: { sessionId: linkId, ...last, idempotencyKey: reminderKey(linkId), actorId: link.createdById },
        select: { id: true },
      });
      await storeLastSend(tx, linkId);
      await recordEvent(tx, {
        linkId,
        type: "SEND_REQUESTED",
        source: "RECOVERY",
        actorId: link.createdById,
        detail: { kind: "reminder", channel: last.channel, recipientMasked: last.recipientMasked },
      });
      return send.id;
    });
  } catch (error) {
    if (isUniqueViolation(error, "idempotencyKey")) return null;
    throw error;
  }
}

/**
 * The background job's reminders: each due link's customer gets the last successful send again, once,
 * recorded as the system acting for the agent who created the link. Safe on several instances at once.
 */
export async function sendDueReminders(deps: LinkDeps, options: { limit?: number } = {}): Promise<ReminderReport> {
  const now = nowOf(deps);
  const report: ReminderReport = { sent: 0, skipped: 0, failed: 0 };
  const due = await deps.db.paymentSession.findMany({
    where: { remindAt: { lte: now }, status: { not: "CREATING" } },
    select: { id: true },
    orderBy: { remindAt: "asc" },
    take: options.limit ?? 50,
  });
  for (const { id } of due) {
    const sendId = await claimReminder(deps, id, now);
    if (!sendId) {
      report.skipped++;
      continue;
    }
    try {
      await deliver(deps, await loadLink(deps, { id }), sendId, "RECOVERY");
      report.sent++;
    } catch (error) {
      // The send and its outcome are recorded; a provider that didn't answer is retried by the recovery job.
      if (!(error instanceof UserError)) throw error;
      report.failed++;
    }
  }
  return report;
}
