import "server-only";
import type { Actor } from "@/lib/auth/authorize";
import { storeScope } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { providerFor } from "@/lib/hpp";
import type { OrderLineInput } from "@/lib/domain/order-lines";
import { priceLine } from "@/lib/domain/order-lines";
import { channelsForProvider } from "./channels";
import { messageFor } from "./errors";
import { maskEmail, maskPhone } from "@/lib/domain/mask";
import { disableBlockedReason, sendBlockedReason } from "./service";
import { channelLabel, formChannel } from "@/lib/domain/channels";
import { isFinal, STATUS_LABELS } from "@/lib/domain/statuses";
import { STILL_TRYING_MESSAGE, type DistributionChannel, type SessionView } from "./view";

const SOURCE_WORDS = { PROVIDER_CALLBACK: " (provider update)", PROVIDER_POLL: " (provider check)", RECOVERY: " (recovery job)", PORTAL: "" };

type EventRow = { type: string; toStatus: string | null; source: keyof typeof SOURCE_WORDS; detail: unknown };

const SEND_REQUEST_WORDS = { changed: "Send by changed", resend: "Resend requested", another_way: "Send another way requested" } as const;

function sendLabel(channel: DistributionChannel, recipientMasked: string | null): string {
  if (channel === "QR") return "QR code shown";
  if (channel === "LINK") return "Link shown to copy";
  return `Sent by ${channelLabel(channel)}${recipientMasked ? ` to ${recipientMasked}` : ""}`;
}

function eventLabel(event: EventRow): string | null {
  const detail = (event.detail ?? {}) as {
    channel?: DistributionChannel;
    recipientMasked?: string | null;
    code?: string;
    kind?: keyof typeof SEND_REQUEST_WORDS;
  };
  const target = detail.channel ? `: ${channelLabel(detail.channel)}${detail.recipientMasked ? ` to ${detail.recipientMasked}` : ""}` : "";
  switch (event.type) {
    case "CREATE_REQUESTED":
      return `Payment link requested${target}`;
    case "SEND_REQUESTED":
      return `${SEND_REQUEST_WORDS[detail.kind ?? "resend"] ?? "Send requested"}${target}`;
    case "DISTRIBUTION_SUPERSEDED":
      return `Not sent${target}: replaced by a later choice`;
    case "DISABLE_REQUESTED":
      return "Disable link requested";
    case "DISABLE_SUCCEEDED":
      return "The provider disabled the link";
    case "DISABLE_FAILED":
      return `Disable link failed: ${messageFor(detail.code ?? "UNKNOWN")}`;
    case "SESSION_CREATED":
      return `Payment link created${SOURCE_WORDS[event.source]}`;
    case "CREATE_FAILED":
      return `Payment link could not be created: ${messageFor(detail.code ?? "UNKNOWN")}`;
    case "DISTRIBUTED":
      return `${sendLabel(detail.channel ?? "LINK", detail.recipientMasked ?? null)}${SOURCE_WORDS[event.source]}`;
    case "DISTRIBUTION_FAILED":
      return `${channelLabel(detail.channel ?? "LINK")} not sent: ${messageFor(detail.code ?? "UNKNOWN")}`;
    case "STATUS_CHANGED":
      return `Status changed to ${STATUS_LABELS[(event.toStatus ?? "WAITING") as keyof typeof STATUS_LABELS]}${SOURCE_WORDS[event.source]}`;
    default:
      return null;
  }
}

/** One session as its page and the status endpoint show it, or null when it is not the actor's to see. */
export async function getSessionView(actor: Actor, id: string): Promise<SessionView | null> {
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
  const resendBlockedReason = blocked ?? (last ? null : "Nothing has been sent successfully yet. Use Send another way.");
  const disableReason = disableBlockedReason(session, provider, now);
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
    resendBlockedReason,
    canDisable: disableReason === null,
    disableBlockedReason: disableReason,
    // Still CREATING after a failure means the answer never came: the recovery job keeps trying.
    lastErrorMessage: !session.lastErrorCode
      ? null
      : session.status === "CREATING"
        ? STILL_TRYING_MESSAGE
        : messageFor(session.lastErrorCode),
    distributions: session.distributions.map((d) => ({
      id: d.id,
      channel: d.channel,
      recipientMasked: d.recipientMasked,
      outcome: d.outcome,
      errorMessage: !d.errorCode ? null : d.outcome === "PENDING" ? STILL_TRYING_MESSAGE : messageFor(d.errorCode),
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
