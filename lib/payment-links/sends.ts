import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "@/lib/auth/authorize";
import type { Db } from "@/lib/db";
import { storedChannel, type Channel, type StoredChannel } from "@/lib/domain/channels";
import { maskAccessId, maskEmail, maskPhone } from "@/lib/domain/mask";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PaymentLinkFormValues, ResendValues } from "@/lib/validation/payment-link";
import { nowOf, type LinkDeps } from "./deps";
import { linkError } from "./errors";
import { recordEvent, type SendKind } from "./events";
import { lockLinkRow, storeLastSend } from "./last-send";
import { unleased } from "./lease";
import { isUniqueViolation, type LinkRow } from "./link-row";

/** What one send is: the channel, and for provider channels the recipient. */
export type SendIntent = {
  channel: StoredChannel;
  recipient: string | null;
  recipientMasked: string | null;
  phoneCountry: string | null;
};

/** The send a channel choice means. Only the chosen channel's contact is taken from the form. */
export function intentOf(channel: Channel, contact: ResendValues["customer"], accessId?: string): SendIntent {
  switch (channel) {
    case "sms":
      return { channel: "SMS", recipient: contact.phoneE164 ?? null, recipientMasked: maskPhone(contact.phoneE164), phoneCountry: contact.phoneCountry ?? null };
    case "email":
      return { channel: "EMAIL", recipient: contact.email ?? null, recipientMasked: maskEmail(contact.email), phoneCountry: null };
    case "token":
      return { channel: "TOKEN", recipient: accessId ?? null, recipientMasked: maskAccessId(accessId), phoneCountry: null };
    default:
      return { channel: storedChannel(channel), recipient: null, recipientMasked: null, phoneCountry: null };
  }
}

/**
 * The customer contact stored with a link: the name, and only the contact the chosen channel uses — a
 * phone or email left in the form from an earlier, refused attempt is never kept with the link.
 */
export function storedContactOf(channel: Channel, customer: PaymentLinkFormValues["customer"]) {
  return {
    customerName: customer.name ?? null,
    customerPhone: channel === "sms" ? (customer.phoneE164 ?? null) : null,
    customerPhoneCountry: channel === "sms" ? (customer.phoneCountry ?? null) : null,
    customerEmail: channel === "email" ? (customer.email ?? null) : null,
  };
}

export type StoredContact = ReturnType<typeof storedContactOf>;

/** The same submit, channel and recipient always give the same key: a retry can never send twice. */
export function derivedSendKey(formKey: string, intent: SendIntent): string {
  const digest = createHash("sha256").update(`${intent.channel}\n${intent.recipient ?? ""}`).digest("hex").slice(0, 24);
  return `${formKey}:send:${digest}`;
}

const SEND_SELECT = { id: true, sessionId: true, channel: true, recipient: true } as const;

/**
 * A key already recorded is a retry only of the very same send: the same key with another channel or
 * recipient must never deliver the earlier one as if it were what the agent asked for now.
 */
function sameSend(existing: { id: string; sessionId: string; channel: StoredChannel; recipient: string | null }, link: LinkRow, intent: SendIntent): string {
  if (existing.sessionId !== link.id) throw linkError("FORM_REUSED", { rotateKey: true });
  if (existing.channel !== intent.channel || existing.recipient !== intent.recipient) {
    throw linkError("SEND_CHANGED", { recordId: link.id, rotateKey: true });
  }
  return existing.id;
}

/**
 * Before a create form's changed send is recorded: its earlier sends that nobody has started are cancelled
 * (only the latest choice may go out). One already delivered or in flight can't be called back, so the
 * change is refused instead — at most one recipient per form submission ever gets the link. Runs under
 * the link's row lock, so parallel submits of one form take turns.
 */
async function supersedeStaleSends(tx: Prisma.TransactionClient, actor: Actor, link: LinkRow, formKey: string, at: Date) {
  const earlier = await tx.distribution.findMany({
    where: { sessionId: link.id, idempotencyKey: { startsWith: `${formKey}:send:` }, outcome: { not: "FAILED" } },
    select: { id: true, channel: true, recipientMasked: true, outcome: true, leaseUntil: true },
  });
  const refuse = () => linkError("SENT_FROM_FORM", { recordId: link.id, rotateKey: true });
  for (const send of earlier) {
    if (send.outcome === "SENT" || (send.leaseUntil !== null && send.leaseUntil >= at)) throw refuse();
    const { count } = await tx.distribution.updateMany({
      where: { id: send.id, outcome: "PENDING", ...unleased(at) },
      data: { outcome: "FAILED", errorCode: "SUPERSEDED", completedAt: at, leaseUntil: null },
    });
    // A worker claimed it between our read and this write: it is going out, so this change can't.
    if (count === 0) throw refuse();
    await recordEvent(tx, {
      linkId: link.id,
      type: "DISTRIBUTION_SUPERSEDED",
      source: "PORTAL",
      actorId: actor.userId,
      detail: { channel: send.channel, recipientMasked: send.recipientMasked, code: "SUPERSEDED" },
    });
  }
}

/**
 * Records a send with its acting user (or finds the one this key already recorded) before anything
 * reaches the provider, so the history shows the request even when the provider never answers.
 * `changedForm`: a create form resubmitted with another way to send: its earlier unstarted sends are
 * cancelled and the link's stored contact becomes the new choice's.
 */
export async function recordSend(
  deps: LinkDeps,
  actor: Actor,
  link: LinkRow,
  intent: SendIntent,
  idempotencyKey: string,
  kind: SendKind,
  changedForm?: { formKey: string; contact: StoredContact },
): Promise<string> {
  const existing = await deps.db.distribution.findUnique({ where: { idempotencyKey }, select: SEND_SELECT });
  if (existing) return sameSend(existing, link, intent);
  const at = nowOf(deps);
  try {
    return await deps.db.$transaction(async (tx) => {
      await lockLinkRow(tx, link.id);
      if (changedForm) {
        const raced = await tx.distribution.findUnique({ where: { idempotencyKey }, select: SEND_SELECT });
        if (raced) return sameSend(raced, link, intent);
        await supersedeStaleSends(tx, actor, link, changedForm.formKey, at);
        await tx.paymentSession.update({ where: { id: link.id }, data: changedForm.contact });
      }
      const created = await tx.distribution.create({ data: { sessionId: link.id, ...intent, idempotencyKey, actorId: actor.userId }, select: { id: true } });
      await storeLastSend(tx, link.id);
      await recordEvent(tx, {
        linkId: link.id,
        type: "SEND_REQUESTED",
        source: "PORTAL",
        actorId: actor.userId,
        detail: { kind, channel: intent.channel, recipientMasked: intent.recipientMasked },
      });
      return created.id;
    });
  } catch (error) {
    if (!isUniqueViolation(error, "idempotencyKey")) throw error;
    return sameSend(await deps.db.distribution.findUniqueOrThrow({ where: { idempotencyKey }, select: SEND_SELECT }), link, intent);
  }
}

/**
 * The key for this intent's send: its derived key, unless that send was superseded by a later choice and
 * the agent has now switched back to it — then a fresh generation of the key, so it can go out after all.
 */
export async function liveSendKey(deps: LinkDeps, sendKey: string): Promise<string> {
  for (let generation = 1; ; generation++) {
    const key = generation === 1 ? sendKey : `${sendKey}:${generation}`;
    const send = await deps.db.distribution.findUnique({ where: { idempotencyKey: key }, select: { errorCode: true } });
    if (send?.errorCode !== "SUPERSEDED") return key;
  }
}

/** The latest send that reached the customer: what Resend repeats (never a failed or unanswered one). */
export async function lastSuccessfulSend(db: Db, linkId: string, excludeKey?: string) {
  return db.distribution.findFirst({
    where: { sessionId: linkId, outcome: "SENT", ...(excludeKey ? { idempotencyKey: { not: excludeKey } } : {}) },
    orderBy: { createdAt: "desc" },
    select: { channel: true, recipient: true, recipientMasked: true, phoneCountry: true },
  });
}
