/**
 * What the session pages and the status endpoint show: plain JSON, browser-safe (no server imports).
 */
import type { Channel, StoredChannel } from "@/lib/domain/channels";
import type { LinkStatus as SessionStatus } from "@/lib/domain/statuses";

/** A send (or creation) the provider never answered: shown where the agent already sees its progress. */
export const STILL_TRYING_MESSAGE = "The provider didn't answer in time. We'll keep trying — the Sent list shows when it goes out.";

export type DistributionChannel = StoredChannel;

export type DistributionView = {
  id: string;
  channel: DistributionChannel;
  recipientMasked: string | null;
  outcome: "PENDING" | "SENT" | "FAILED";
  /** Plain sentence for a failed send (never provider text). */
  errorMessage: string | null;
  actorName: string;
  createdAt: string;
};

export type SessionEventView = {
  id: string;
  /** Plain description, e.g. "Sent by SMS to +46 70 ••• •• 67", "Status changed to Completed". */
  label: string;
  source: "PORTAL" | "PROVIDER_CALLBACK" | "PROVIDER_POLL" | "RECOVERY";
  actorName: string | null;
  createdAt: string;
};

export type SessionLineView = { name: string; quantity: number; unitPrice: number; taxRate: number; totalAmount: number };

export type SessionView = {
  id: string;
  storeName: string;
  provider: "KUSTOM" | "PAYMENT_PLATFORM";
  status: SessionStatus;
  statusLabel: string;
  isFinal: boolean;
  merchantReference: string;
  /** Minor units. */
  amount: number;
  taxAmount: number;
  currency: string;
  locale: string;
  lines: SessionLineView[];
  customerName: string | null;
  customerPhoneMasked: string | null;
  customerEmailMasked: string | null;
  /** The customer's payment page, exactly as the provider returned it; null until created. */
  redirectUrl: string | null;
  /** The portal's QR image route for this session (provider QR when it has one). */
  qrImageUrl: string | null;
  expiresAt: string | null;
  /** Channels "Send another way" may use for this session's provider. */
  availableChannels: Channel[];
  /** The channel of the latest successful send, which Resend repeats. */
  lastChannel: Channel | null;
  /**
   * Whether the provider tells the portal about payments (status callback or a session read). When it
   * doesn't, the status shown stays as created and the page says so instead of polling for nothing.
   */
  reportsStatus: boolean;
  canResend: boolean;
  /** Why Resend / Send another way are unavailable (expired, paid, disabled, nothing sent yet…). */
  resendBlockedReason: string | null;
  canDisable: boolean;
  disableBlockedReason: string | null;
  /** Plain sentence for the last failure, if any. */
  lastErrorMessage: string | null;
  distributions: DistributionView[];
  events: SessionEventView[];
  createdByName: string;
  createdAt: string;
  updatedAt: string;
};

export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      /** One plain sentence for the top of the form. */
      message: string;
      /** Field path → message, e.g. { phone: "…", "lines.0.unitPrice": "…" }. */
      fieldErrors?: Record<string, string>;
      code?: string;
      /** Set when a session exists despite the error (e.g. created but not sent). */
      sessionId?: string;
      /** The submit was definitively refused: the next submit must use a fresh idempotency key. */
      rotateIdempotencyKey?: boolean;
      /** No definite answer (the provider may still act on it): a retry must reuse the same key. */
      retryable?: boolean;
    };
