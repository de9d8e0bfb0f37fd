import "server-only";
import { storeScope, type Actor } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { formChannel } from "@/lib/domain/channels";
import { maskEmail, maskPhone } from "@/lib/domain/mask";
import { priceLine, type OrderLineInput } from "@/lib/domain/order-lines";
import { isFinal, STATUS_LABELS, type LinkStatus } from "@/lib/domain/statuses";
import { providerFor } from "@/lib/hpp";
import { channelsForProvider } from "../channels";
import { companionOf } from "../companion";
import { eventLabel, messageFor, SEND_BLOCKED, stillTryingMessage } from "../messages";
import { disableBlockedReason, sendBlockedReason } from "../rules";
import type { LinkView } from "../view";

/** One payment link as its page and the status endpoint show it, or null when it is not the actor's to see. */
export async function getLinkView(actor: Actor, id: string): Promise<LinkView | null> {
  const session = await db().paymentSession.findFirst({
    where: { id, ...storeScope(actor) },
    include: {
      store: { select: { name: true } },
      createdBy: { select: { name: true } },
      distributions: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], include: { actor: { select: { name: true } } } },
      events: { orderBy: { createdAt: "desc" }, include: { actor: { select: { name: true } } } },
    },
  });
  if (!session) return null;
  const now = new Date();
  const provider = providerFor(session.provider);
  const { allowed } = channelsForProvider(session.provider);
  // Resend repeats what reached the customer, never a send that failed or is still unanswered.
  const last = session.distributions.find((d) => d.outcome === "SENT");
  const blocked = sendBlockedReason(session, now);
  const resendBlockedReason = blocked ?? (last ? null : SEND_BLOCKED.NOTHING_SENT);
  const disableReason = disableBlockedReason(session, provider.capabilities.disableSession, now);
  // The first send that reached the customer is what they are looking at (distributions are newest first).
  const firstSent = session.distributions.findLast((d) => d.outcome === "SENT");
  const reachedAt: Partial<Record<LinkStatus, string>> = {};
  for (const event of session.events) if (event.type === "STATUS_CHANGED" && event.toStatus) reachedAt[event.toStatus] = event.createdAt.toISOString();
  const companion = companionOf({
    status: session.status,
    storeName: session.store.name,
    provider: session.provider,
    channel: firstSent ? formChannel(firstSent.channel) : null,
    sentAt: (firstSent?.completedAt ?? firstSent?.createdAt)?.toISOString() ?? null,
    reachedAt,
    statusChangedAt: session.statusChangedAt.toISOString(),
  });
  const lines = (session.orderLines as OrderLineInput[]).map((line) => ({
    name: line.name,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    taxRate: line.taxRate,
    totalAmount: priceLine(line).totalAmount,
  }));
  return {
    id: session.id,
    storeName: session.store.name,
    provider: session.provider,
    status: session.status,
    statusLabel: STATUS_LABELS[session.status],
    companion,
    isFinal: isFinal(session.status),
    merchantReference: session.merchantReference,
    amount: session.amount,
    taxAmount: session.taxAmount,
    currency: session.currency,
    locale: session.locale,
    lines,
    customerName: session.customerName,
    customerPhoneMasked: maskPhone(session.customerPhone),
    customerEmailMasked: maskEmail(session.customerEmail),
    redirectUrl: session.redirectUrl,
    qrImageUrl: session.redirectUrl ? `/api/sessions/${session.id}/qr` : null,
    expiresAt: session.expiresAt?.toISOString() ?? null,
    availableChannels: allowed,
    lastChannel: last ? formChannel(last.channel) : null,
    reportsStatus: provider.capabilities.readSession,
    canResend: resendBlockedReason === null,
    canSendAnotherWay: blocked === null,
    resendBlockedReason,
    canDisable: disableReason === null,
    canConfirmPayment: session.status === "PAID_UNCONFIRMED" && (actor.role === "MANAGER" || actor.role === "ADMIN"),
    disableBlockedReason: disableReason,
    // Still CREATING after a failure means the answer never came: the recovery job keeps trying.
    lastErrorMessage: !session.lastErrorCode
      ? null
      : session.status === "CREATING"
        ? stillTryingMessage(session.lastErrorCode)
        : messageFor(session.lastErrorCode),
    distributions: session.distributions.map((d) => ({
      id: d.id,
      channel: d.channel,
      recipientMasked: d.recipientMasked,
      outcome: d.outcome,
      errorMessage: !d.errorCode ? null : d.outcome === "PENDING" ? stillTryingMessage(d.errorCode) : messageFor(d.errorCode),
      actorName: d.actor.name,
      createdAt: d.createdAt.toISOString(),
    })),
    events: session.events.flatMap((e) => {
      const label = eventLabel(e);
      return label ? [{ id: e.id, label, source: e.source, actorName: e.actor?.name ?? null, createdAt: e.createdAt.toISOString() }] : [];
    }),
    createdByName: session.createdBy.name,
    createdAt: session.createdAt.toISOString(),
    updatedAt: session.updatedAt.toISOString(),
  };
}
