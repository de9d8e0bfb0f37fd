/**
 * A payment link as its page and the status endpoint show it: plain JSON, browser-safe (no server imports).
 */
import type { Channel, StoredChannel } from "@/lib/domain/channels";
import type { LinkStatus } from "@/lib/domain/statuses";
import type { CompanionView } from "./companion";

export type SendView = {
  id: string;
  channel: StoredChannel;
  recipientMasked: string | null;
  outcome: "PENDING" | "SENT" | "FAILED";
  /** Plain sentence for a failed send (never provider text). */
  errorMessage: string | null;
  actorName: string;
  createdAt: string;
};

export type LinkEventView = {
  id: string;
  /** Plain description, e.g. "Sent by SMS to +46 70 ••• •• 67", "Status changed to Completed". */
  label: string;
  source: "PORTAL" | "PROVIDER_CALLBACK" | "PROVIDER_POLL" | "RECOVERY";
  actorName: string | null;
  createdAt: string;
};

export type LinkLineView = { name: string; quantity: number; unitPrice: number; taxRate: number; totalAmount: number };

export type LinkView = {
  id: string;
  storeName: string;
  provider: "KUSTOM" | "PAYMENT_PLATFORM";
  status: LinkStatus;
  statusLabel: string;
  /** The call companion: stage, what to say, timeline. */
  companion: CompanionView;
  isFinal: boolean;
  merchantReference: string;
  /** Minor units. */
  amount: number;
  taxAmount: number;
  currency: string;
  locale: string;
  lines: LinkLineView[];
  customerName: string | null;
  customerPhoneMasked: string | null;
  customerEmailMasked: string | null;
  /** The customer's payment page, exactly as the provider returned it; null until created. */
  redirectUrl: string | null;
  /** The portal's QR image route for this link (provider QR when it has one). */
  qrImageUrl: string | null;
  expiresAt: string | null;
  /** Channels "Send another way" may use for this link's provider. */
  availableChannels: Channel[];
  /** The channel of the latest successful send, which Resend repeats. */
  lastChannel: Channel | null;
  /**
   * Whether the provider tells the portal about payments (status callback or a session read). When it
   * doesn't, the status shown stays as created and the page says so instead of polling for nothing.
   */
  reportsStatus: boolean;
  canResend: boolean;
  /** Send another way needs only a live link, not an earlier successful send (e.g. after a refused contact). */
  canSendAnotherWay: boolean;
  /** Why Resend / Send another way are unavailable (expired, paid, disabled, nothing sent yet…). */
  resendBlockedReason: string | null;
  canDisable: boolean;
  /** A manager may mark a "Paid, unconfirmed" link Confirmed paid or Not paid. */
  canConfirmPayment: boolean;
  disableBlockedReason: string | null;
  /** Plain sentence for the last failure, if any. */
  lastErrorMessage: string | null;
  distributions: SendView[];
  events: LinkEventView[];
  createdByName: string;
  createdAt: string;
  updatedAt: string;
};
