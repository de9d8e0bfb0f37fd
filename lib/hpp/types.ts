import type { OrderLineInput } from "@/lib/domain/order-lines";

export type ProviderKind = "KUSTOM" | "PAYMENT_PLATFORM";
export const PROVIDER_KINDS = ["KUSTOM", "PAYMENT_PLATFORM"] as const satisfies readonly ProviderKind[];

export type DistributionMethod = "sms" | "email" | "token";

export const HPP_STATUSES = [
  "WAITING",
  "BACK",
  "IN_PROGRESS",
  "MANUAL_ID_CHECK",
  "COMPLETED",
  "CANCELLED",
  "FAILED",
  "DISABLED",
  "ERROR",
] as const;
export type HppStatus = (typeof HPP_STATUSES)[number];

/** Statuses after which the session never changes again (FAILED, BACK and ERROR let the customer retry). */
export const FINAL_HPP_STATUSES: readonly HppStatus[] = ["COMPLETED", "CANCELLED", "DISABLED"];

export function isFinalStatus(status: HppStatus): boolean {
  return FINAL_HPP_STATUSES.includes(status);
}

export interface ProviderCapabilities {
  /** Channels the provider can deliver the link through itself; empty means the portal must deliver it. */
  distribution: readonly DistributionMethod[];
  readSession: boolean;
  disableSession: boolean;
  /** Whether the provider returns its own QR code URL. */
  qrCode: boolean;
}

/** Redirect and callback URLs, already containing `{{session_id}}`/`{{order_id}}` placeholders and the per-session secret. */
export interface MerchantUrls {
  success: string;
  cancel: string;
  back: string;
  failure: string;
  error: string;
  statusUpdate: string;
}

export type PaymentMethodCategory =
  | "DIRECT_DEBIT"
  | "DIRECT_BANK_TRANSFER"
  | "PAY_NOW"
  | "PAY_LATER"
  | "PAY_OVER_TIME"
  | "KLARNA";

/** Subset of the HPP `OptionsV1` object (Kustom only; the payment platform supports no customization). */
export interface KustomSessionOptions {
  pageTitle?: string;
  logoUrl?: string;
  backgroundImages?: { url: string; width?: number }[];
  purchaseType?: "BUY" | "RENT" | "BOOK" | "SUBSCRIBE" | "DOWNLOAD" | "ORDER" | "CONTINUE";
  placeOrderMode?: "PLACE_ORDER" | "CAPTURE_ORDER" | "NONE";
  paymentMethodCategories?: PaymentMethodCategory[];
  paymentMethodCategory?: PaymentMethodCategory;
  showSubtotalDetail?: "HIDE";
}

export interface PlatformSessionOptions {
  transactionType: "PURCHASE" | "AUTHORIZE";
  saveCard?: boolean;
  /** Overrides PLATFORM_TERMINAL_ID for this session. */
  terminalId?: string;
}

export interface CustomerContact {
  name?: string;
  email?: string;
  phoneE164?: string;
}

export interface CreateSessionInput {
  /** The portal's record key. Per-call provider keys are derived from it, so a retry or re-run reuses them. */
  idempotencyKey: string;
  merchantReference: string;
  /** ISO 3166 alpha-2. */
  purchaseCountry: string;
  /** ISO 4217. */
  currency: string;
  /** RFC 1766, e.g. "sv-SE". */
  locale: string;
  /** Minor units and basis points; priced with `priceOrder()`. */
  lines: OrderLineInput[];
  customer?: CustomerContact;
  merchantUrls: MerchantUrls;
  /** Payment description shown by the payment platform; defaults to `merchantReference`. */
  description?: string;
  options?: KustomSessionOptions;
  platform?: PlatformSessionOptions;
}

export interface DistributionModule {
  token?: string;
  standaloneUrl?: string;
  generationUrl?: string;
}

/** The provider's answer to a session creation. URLs are kept exactly as the provider returned them. */
export interface CreatedSession {
  kind: ProviderKind;
  providerSessionId: string;
  providerOrderId?: string;
  /** Checkout order URL (Kustom): the order's Location header. */
  orderUrl?: string;
  /** Authenticated API URL to read / disable the session. */
  sessionUrl?: string;
  /** Authenticated API URL to distribute the session. */
  distributionUrl?: string;
  /** Public URL for the customer. */
  redirectUrl: string;
  qrCodeUrl?: string;
  manualIdCheckUrl?: string;
  expiresAt?: Date;
  distributionModule?: DistributionModule;
  /** Checkout order status at creation (Kustom), e.g. "checkout_incomplete". */
  orderStatus?: string;
  /** Totals actually sent to the provider (minor units). */
  amount: number;
  taxAmount: number;
}

/** What later calls need; build it from the stored `CreatedSession`. */
export interface SessionRef {
  providerSessionId: string;
  sessionUrl?: string;
  distributionUrl?: string;
  /** When known, a 404 after this instant is reported as SESSION_EXPIRED rather than NOT_FOUND. */
  expiresAt?: Date;
}

export type DistributionRequest =
  | { method: "sms"; phone: string; phoneCountry: string }
  | { method: "email"; email: string }
  | { method: "token"; accessId: string };

export interface SessionSnapshot {
  status: HppStatus;
  providerSessionId?: string;
  orderId?: string;
  expiresAt?: Date;
  updatedAt?: Date;
}

export interface HppProvider {
  readonly kind: ProviderKind;
  /** What the provider itself can do — the payment platform has no distribution, read or disable endpoint; the portal must deliver its link itself. */
  readonly capabilities: ProviderCapabilities;
  createSession(input: CreateSessionInput): Promise<CreatedSession>;
  /** Throws HppError "NOT_SUPPORTED" when the method is not in `capabilities.distribution`. */
  distribute(session: SessionRef, request: DistributionRequest, idempotencyKey: string): Promise<void>;
  /** Throws HppError "NOT_SUPPORTED" when `capabilities.readSession` is false. */
  getSession(session: SessionRef): Promise<SessionSnapshot>;
  /** Throws HppError "NOT_SUPPORTED" when `capabilities.disableSession` is false. */
  disableSession(session: SessionRef): Promise<void>;
}

export function sessionRefOf(created: CreatedSession): SessionRef {
  return {
    providerSessionId: created.providerSessionId,
    ...(created.sessionUrl !== undefined && { sessionUrl: created.sessionUrl }),
    ...(created.distributionUrl !== undefined && { distributionUrl: created.distributionUrl }),
    ...(created.expiresAt !== undefined && { expiresAt: created.expiresAt }),
  };
}
