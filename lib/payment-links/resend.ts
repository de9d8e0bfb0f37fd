import "server-only";
import type { Actor } from "@/lib/auth/authorize";
import { nowOf, type LinkDeps } from "./deps";
import { sendOnce } from "./deliver";
import { linkError } from "./errors";
import { loadLink, type LinkRow } from "./link-row";
import { sendBlockedReason } from "./rules";
import { lastSuccessfulSend, recordSend } from "./sends";

/** The link, if something may be sent for it now; else a NOT_SENDABLE error saying why. */
export async function loadSendable(deps: LinkDeps, linkId: string): Promise<LinkRow> {
  const link = await loadLink(deps, { id: linkId });
  const blocked = sendBlockedReason(link, nowOf(deps));
  if (blocked) throw linkError("NOT_SENDABLE", { message: blocked, recordId: linkId });
  return link;
}

/** Resend: the latest successful send's channel and recipient again, as a new send with the caller's key. */
export async function resendPaymentLink(deps: LinkDeps, actor: Actor, linkId: string, idempotencyKey: string): Promise<void> {
  const link = await loadSendable(deps, linkId);
  const retried = await deps.db.distribution.findUnique({ where: { idempotencyKey }, select: { id: true, sessionId: true } });
  if (retried && retried.sessionId === linkId) return sendOnce(deps, link, retried.id);
  const last = await lastSuccessfulSend(deps.db, linkId, idempotencyKey);
  if (!last) throw linkError("NOTHING_TO_RESEND", { recordId: linkId });
  await sendOnce(deps, link, await recordSend(deps, actor, link, last, idempotencyKey, "resend"));
}
