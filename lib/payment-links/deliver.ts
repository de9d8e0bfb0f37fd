import "server-only";
import { UserError } from "@/lib/actions/user-error";
import { channelMeta, formChannel, type StoredChannel } from "@/lib/domain/channels";
import { isHppError, type DistributionRequest } from "@/lib/hpp";
import { redact } from "@/lib/log";
import { nowOf, type LinkDeps } from "./deps";
import { formFieldOf, linkError, type LinkFailureCode } from "./errors";
import { recordEvent } from "./events";
import { lockLinkRow, storeLastSend } from "./last-send";
import { claimSend, holdLease } from "./lease";
import type { LinkRow } from "./link-row";
import { providerPendingMessage } from "./messages";
import { sendBlockedReason } from "./rules";
import { providerSessionRef, syncFromProvider } from "./status";

type Source = "PORTAL" | "RECOVERY";

function providerRequest(send: { channel: StoredChannel; recipient: string | null; phoneCountry: string | null }): DistributionRequest | null {
  const method = channelMeta(formChannel(send.channel)).providerMethod;
  if (!method) return null;
  const recipient = send.recipient ?? "";
  if (method === "sms") return { method, phone: recipient, phoneCountry: send.phoneCountry ?? "" };
  if (method === "email") return { method, email: recipient };
  return { method, accessId: recipient };
}

/**
 * Delivers one recorded send. SENT is final (nothing is sent twice), FAILED answers with the recorded
 * error, PENDING is sent by whoever claims it, with the send's own idempotency key.
 */
export async function deliver(deps: LinkDeps, link: LinkRow, sendId: string, source: Source): Promise<"sent" | "pending"> {
  const send = await deps.db.distribution.findUniqueOrThrow({ where: { id: sendId } });
  const request = providerRequest(send);
  const fail = (code: string, retryable = false, live?: unknown) => {
    // An unanswered call has no field to blame: it goes at the top, worded as what will happen.
    if (retryable) return linkError(code as LinkFailureCode, { recordId: link.id, retryable, message: providerPendingMessage(code) });
    // The provider's own answer names the field (e.g. phone_country); a replay has only the stored code.
    const field = formFieldOf(live ?? code, request?.method);
    return linkError(code as LinkFailureCode, { recordId: link.id, ...(field ? { field } : {}) });
  };
  if (send.outcome === "SENT") return "sent";
  if (send.outcome === "FAILED") throw fail(send.errorCode ?? "UNKNOWN");
  if (!(await claimSend(deps, send.id))) return "pending";

  const blocked = sendBlockedReason(link, nowOf(deps));
  if (blocked) {
    await deps.db.$transaction([
      lockLinkRow(deps.db, link.id),
      deps.db.distribution.update({ where: { id: send.id }, data: { outcome: "FAILED", errorCode: "NOT_SENDABLE", completedAt: nowOf(deps), leaseUntil: null } }),
      storeLastSend(deps.db, link.id),
    ]);
    throw linkError("NOT_SENDABLE", { message: blocked, recordId: link.id });
  }
  const renew = (until: Date) =>
    deps.db.distribution.updateMany({ where: { id: send.id, outcome: "PENDING", leaseUntil: { gte: nowOf(deps) } }, data: { leaseUntil: until } });
  const detail = { channel: send.channel, recipientMasked: send.recipientMasked };
  try {
    if (request) {
      const ref = providerSessionRef(link);
      if (!ref) throw linkError("NOT_SENDABLE", { recordId: link.id });
      await holdLease(deps, renew, () => deps.provider(link.provider).distribute(ref, request, send.idempotencyKey));
      await deps.crashPoint?.("afterProviderDistribute");
    }
    await deps.db.$transaction([
      lockLinkRow(deps.db, link.id),
      deps.db.distribution.update({ where: { id: send.id }, data: { outcome: "SENT", errorCode: null, completedAt: nowOf(deps), leaseUntil: null } }),
      storeLastSend(deps.db, link.id),
      recordEvent(deps.db, { linkId: link.id, type: "DISTRIBUTED", source, actorId: send.actorId, detail }),
    ]);
    return "sent";
  } catch (error) {
    if (!isHppError(error)) throw error;
    if (error.retryable) {
      await deps.db.distribution.update({ where: { id: send.id }, data: { errorCode: error.code, leaseUntil: null } });
      throw fail(error.code, true);
    }
    await deps.db.$transaction([
      lockLinkRow(deps.db, link.id),
      deps.db.distribution.update({ where: { id: send.id }, data: { outcome: "FAILED", errorCode: error.code, completedAt: nowOf(deps), leaseUntil: null } }),
      storeLastSend(deps.db, link.id),
      recordEvent(deps.db, { linkId: link.id, type: "DISTRIBUTION_FAILED", source, actorId: send.actorId, detail: { ...detail, code: error.code } }),
    ]);
    if (error.code === "LINK_CLOSED") {
      // The provider closed the link (paid, cancelled, disabled) before a callback told us: catch up now.
      await syncFromProvider(deps.db, deps.provider(link.provider), link, "PROVIDER_POLL", nowOf(deps)).catch((syncError: unknown) =>
        console.warn(`[payment-links] status refresh of ${link.id} failed:`, syncError instanceof Error ? redact(syncError.message) : typeof syncError),
      );
    }
    throw fail(error.code, false, error);
  }
}

/** Delivers a send for a click; a definite refusal means the same click can never succeed, so the client must use a new key. */
export async function sendOnce(deps: LinkDeps, link: LinkRow, sendId: string): Promise<void> {
  try {
    await deliver(deps, link, sendId, "PORTAL");
  } catch (error) {
    if (!(error instanceof UserError) || error.retryable) throw error;
    throw new UserError(error.code, error.message, {
      ...(error.field ? { field: error.field } : {}),
      ...(error.recordId ? { recordId: error.recordId } : {}),
      rotateKey: true,
    });
  }
}
