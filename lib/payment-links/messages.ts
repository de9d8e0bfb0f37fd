/**
 * Every sentence the payment-link screens show about what happened or why something can't be done.
 * One place, so wording stays consistent and can be translated later.
 */
import { channelLabel, type Channel, type StoredChannel } from "@/lib/domain/channels";
import { STATUS_LABELS } from "@/lib/domain/statuses";
import { HPP_ERROR_MESSAGES } from "@/lib/hpp/errors";
import type { CompanionStage, TimelineStep } from "./companion";
import type { CustomerReturn, DismissReason, LinkEventDetail, LinkEventType, SendKind } from "./events";

/** Codes the payment-link use cases add to the provider's. */
export const LINK_ERROR_MESSAGES = {
  ORDER_CHANGED:
    "A payment link was already created from this form for a different order. Open it, or start a new payment link.",
  FORM_REUSED: "This form was already used by someone else. Reload the page to start a new payment link.",
  NOT_SENDABLE: "This payment link can't be sent.",
  NOTHING_TO_RESEND: "Nothing has been sent for this payment link yet. Use Send another way.",
  CHANNEL_UNAVAILABLE: "This store's payment provider can't send links that way.",
  NOT_DISABLEABLE: "This payment link can't be disabled.",
  CREATE_FAILED: "The payment link could not be created. Check the order and submit again.",
  SEND_CHANGED: "This send was already requested with other contact details, so it wasn't sent this way. Press Send again to send it.",
  NOT_UNCONFIRMED: "Only a payment the customer reported and the provider never confirmed can be marked this way.",
  SUPERSEDED: "Not sent: the agent chose another way to send the link before this one went out.",
  ALREADY_REISSUED: "This payment link was already re-issued. Open the new link instead.",
  CLONE_PAID: "The customer has paid this link meanwhile, so no new link was created.",
  CLONE_DISABLE_FAILED:
    "The old link could not be disabled at the payment provider, so no new link was created or sent. Try again in a few minutes.",
  CLONE_NOT_DISABLEABLE:
    "This store's payment provider can't disable the old link while it can still be paid, so a new link would let the customer pay twice.",
  NOT_CLONEABLE: "This payment link is still being created. Try again in a moment.",
  ALREADY_DISMISSED: "This payment link was already dismissed.",
  SENT_FROM_FORM:
    "This form's payment link has already gone out to other contact details, so it wasn't sent this way. Open the payment link to send it another way.",
} as const;

/** The duplicate-link guard on New payment link. */
export const DUPLICATE_MESSAGES = {
  heading: "This customer already has an open payment link",
  sendExisting: "Send the existing link again",
  createAnyway: "Create a new link anyway",
} as const;

/** Dismiss reasons as the agent picks them and the history shows them. */
export const DISMISS_REASON_LABELS: Record<DismissReason, string> = {
  PAID_ANOTHER_WAY: "Paid another way",
  CUSTOMER_DECLINED: "Customer declined",
  DUPLICATE: "Duplicate",
  OTHER: "Other",
};

export type LinkErrorCode = keyof typeof LINK_ERROR_MESSAGES;

/**
 * What went wrong when the provider gave no definite answer — busy, unavailable, silent or unreadable.
 * Each is true as written because the portal keeps trying: the recovery job repeats the call with the
 * same idempotency keys.
 */
const NO_ANSWER_REASONS: Record<string, string> = {
  RATE_LIMITED: "The payment provider is busy right now.",
  PROVIDER_UNAVAILABLE: "The payment provider is unavailable right now.",
  NETWORK: "The portal couldn't reach the payment provider.",
  MALFORMED_RESPONSE: "The payment provider's answer couldn't be read.",
  TIMEOUT: "The provider didn't answer in time.",
};
const noAnswerReason = (code: string | null | undefined) => NO_ANSWER_REASONS[code ?? "TIMEOUT"] ?? NO_ANSWER_REASONS.TIMEOUT;

/** …said on the form that submitted it. */
export function providerPendingMessage(code?: string | null): string {
  return `${noAnswerReason(code)} We'll keep trying — see the payment link's page.`;
}

/** …said on the link's page, where the agent already sees its sends. */
export function stillTryingMessage(code?: string | null): string {
  return `${noAnswerReason(code)} We'll keep trying — the Sent list shows when it goes out.`;
}

export const PROVIDER_PENDING_MESSAGE = providerPendingMessage("TIMEOUT");

/** The plain sentence for a stored or thrown code: the link's own, else the provider's, else a generic one. */
export function messageFor(code: string): string {
  return (
    (LINK_ERROR_MESSAGES as Record<string, string>)[code] ??
    (HPP_ERROR_MESSAGES as Record<string, string>)[code] ??
    HPP_ERROR_MESSAGES.UNKNOWN
  );
}

/** Why nothing can be sent, by the link's state. */
export const SEND_BLOCKED = {
  EXPIRED: "This payment link has expired. Create a new payment link.",
  CREATING: "The payment link is still being created.",
  CREATE_FAILED: "The payment link was never created.",
  COMPLETED: "The customer has already paid.",
  PAID_UNCONFIRMED: "The customer says they paid. Check the payment with the provider before sending anything.",
  CANCELLED: "The customer cancelled this payment. Create a new payment link.",
  DISABLED: "This payment link was disabled.",
  NOTHING_SENT: "Nothing has been sent successfully yet. Use Send another way.",
} as const;

/** Why a link can't be disabled, by the link's state. */
export const DISABLE_BLOCKED = {
  UNSUPPORTED: "This store's payment provider doesn't support disabling links.",
  COMPLETED: "The customer has already paid.",
  PAID_UNCONFIRMED: "The customer says they paid. Check the payment with the provider first.",
  DISABLED: "This payment link is already disabled.",
  CANCELLED: "The customer cancelled this payment.",
  CREATE_FAILED: "The payment link was never created.",
  EXPIRED: "This payment link has expired.",
  CREATING: "The payment link is still being created.",
} as const;

const SOURCE_WORDS = { PROVIDER_CALLBACK: " (provider update)", PROVIDER_POLL: " (provider check)", RECOVERY: " (recovery job)", PORTAL: "" };

/** A history row as stored. */
export type EventRow = { type: LinkEventType | string; toStatus: string | null; source: keyof typeof SOURCE_WORDS; detail: unknown };

const SEND_REQUEST_WORDS: Record<SendKind, string> = {
  changed: "Send by changed",
  resend: "Resend requested",
  another_way: "Send another way requested",
  reminder: "Reminder sent by the system on behalf of the agent",
};

/** "Sent by SMS to +46 70 ••• •• 67", "QR code shown". */
function sendLabel(channel: StoredChannel, recipientMasked: string | null): string {
  if (channel === "QR") return "QR code shown";
  if (channel === "LINK") return "Link shown to copy";
  return `Sent by ${channelLabel(channel)}${recipientMasked ? ` to ${recipientMasked}` : ""}`;
}

/** The history line for an event, or null for events the history does not show (e.g. callbacks received). */
export function eventLabel(event: EventRow): string | null {
  const detail = (event.detail ?? {}) as LinkEventDetail;
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
    case "LINK_CLONED":
      return `Re-issued as ${detail.otherReference ?? "a new link"} (Clone and send)`;
    case "CLONED_FROM":
      return `Re-issue of ${detail.otherReference ?? "an earlier link"} (Clone and send)`;
    case "DISMISSED":
      return `Dismissed from follow-up: ${DISMISS_REASON_LABELS[detail.reason ?? "OTHER"]}`;
    case "DUPLICATE_OVERRIDDEN":
      return detail.duplicateRole === "existing"
        ? `Another open link for this customer, ${detail.otherReference ?? ""}, was created anyway`
        : `Created anyway although the customer had an open link, ${detail.otherReference ?? ""}`;
    case "CUSTOMER_RETURNED":
      return `Customer returned: ${RETURN_WORDS[detail.returned ?? "error"]} (not confirmed by the provider)`;
    case "PAYMENT_CONFIRMED":
      return detail.verdict === "not_paid" ? "Marked Not paid after checking with the provider" : "Marked Confirmed paid after checking with the provider";
    case "STATUS_CHANGED":
      return `Status changed to ${STATUS_LABELS[(event.toStatus ?? "WAITING") as keyof typeof STATUS_LABELS]}${SOURCE_WORDS[event.source]}`;
    default:
      return null;
  }
}


const RETURN_WORDS: Record<CustomerReturn, string> = { paid: "paid", cancelled: "cancelled", error: "payment error" };

/** The customer's return page, by what the portal actually knows. */
export const RETURN_PAGE = {
  paid: { title: "Thank you — your payment is complete", text: "You can close this page." },
  /** The provider told us nothing: the customer only came back through the success address. */
  paidUnconfirmed: {
    title: "Thank you — you're back from the payment page",
    text: "The shop will confirm your payment once they have checked it with the payment provider. You can close this page.",
  },
  cancel: { title: "Payment cancelled", text: "If this was a mistake, ask the shop for a new payment link." },
  back: { title: "Payment not finished", text: "You can open the payment link again to continue." },
  failure: { title: "The payment didn't go through", text: "You can open the payment link again to try another way." },
  error: { title: "Something went wrong", text: "Please try the payment link again in a moment, or ask the shop for help." },
} as const;

/** The call companion's words for each stage and timeline step. */
export const STAGE_LABELS: Record<CompanionStage | TimelineStep, string> = {
  creating: "Creating",
  not_created: "Not created",
  ready: "Ready to send",
  sent: "Sent",
  opened: "Opened",
  id_check: "ID check",
  outcome: "Paid",
  paid: "Paid",
  paid_unconfirmed: "Paid, unconfirmed",
  failed: "Failed",
  cancelled: "Cancelled",
  disabled: "Disabled",
  expired: "Expired",
};

/** "a text", "an email"…: how the link reached the customer, in words said on the phone. */
const CHANNEL_SPOKEN: Record<Channel, string> = {
  sms: "a text",
  email: "an email",
  token: "a message in your Klarna app",
  qr: "the QR code",
  link: "the link",
};

type SayContext = { storeName: string; channel: Channel | null; provider: "KUSTOM" | "PAYMENT_PLATFORM" };

/** "by text", "by email": how a link would be sent again, in spoken words. */
const CHANNEL_AGAIN: Record<Channel, string> = { sms: " by text", email: " by email", token: " to your Klarna app", qr: "", link: "" };

/** Where the customer found the link, for the lines after it was sent. */
function fromWhere({ channel }: SayContext): string {
  if (channel === "qr") return " from the QR code";
  if (channel === "link") return " from the link";
  return channel ? ` from ${CHANNEL_SPOKEN[channel]}` : "";
}

/** The "Say to the customer" line for a stage: plain words the agent can read aloud, naming store and channel. */
export function sayToCustomer(stage: CompanionStage, context: SayContext): string {
  const { storeName, channel } = context;
  switch (stage) {
    case "creating":
      return `One moment, I'm preparing your payment link from ${storeName}.`;
    case "not_created":
      return `I'm sorry, I couldn't create the payment link from ${storeName}. Let me try again.`;
    case "ready":
      return `Your payment link from ${storeName} is ready; let me send it to you.`;
    case "sent":
      if (channel === "qr") return `Please scan the QR code I'm showing you; it opens the payment page from ${storeName}.`;
      if (channel === "link") return `I'm giving you the payment link from ${storeName} now; open it whenever you're ready.`;
      return `I've just sent you ${CHANNEL_SPOKEN[channel ?? "sms"]} from ${storeName} with a payment link; it should arrive within a minute.`;
    case "opened":
      return `I can see you've opened the payment page${fromWhere(context)}; take your time.`;
    case "id_check":
      return `${context.provider === "KUSTOM" ? "Klarna" : "The payment provider"} is asking to confirm your identity; that's a normal step.`;
    case "paid":
      return `Thank you, the payment to ${storeName} has come through.`;
    case "paid_unconfirmed":
      return `Thank you. I can see you finished on the payment page; ${storeName} will confirm the payment once we've checked it with the provider.`;
    case "failed":
      return `The payment didn't go through. Shall I send the link again${channel ? CHANNEL_AGAIN[channel] : ""}, or would you prefer another way?`;
    case "cancelled":
      return `I can see the payment was cancelled. Would you like me to send you a new payment link from ${storeName}?`;
    case "disabled":
      return `That payment link from ${storeName} no longer works. I can send you a new one.`;
    case "expired":
      return `That payment link from ${storeName} has expired. I can send you a new one.`;
  }
}
