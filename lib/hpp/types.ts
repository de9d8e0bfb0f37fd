import type { OrderLineInput } from "@/lib/domain/order-lines";
import { LINK_STATUSES, type LinkStatus } from "@/lib/domain/statuses";

export type ProviderKind = "KUSTOM" | "PAYMENT_PLATFORM";

export type DistributionMethod = "sms" | "email" | "token";

/** Link statuses only the portal sets; a provider never reports them. */
const PORTAL_ONLY_STATUSES = ["CREATING", "CREATE_FAILED", "EXPIRED", "PAID_UNCONFIRMED"] as const satisfies readonly LinkStatus[];
export type HppStatus = Exclude<LinkStatus, (typeof PORTAL_ONLY_STATUSES)[number]>;
/** The HPP contract's session status enum (`SessionResponseV1.status`): every link status but the portal's own. */
export const HPP_STATUSES: readonly HppStatus[] = LINK_STATUSES.filter(
  (status): status is HppStatus => !(PORTAL_ONLY_STATUSES as readonly LinkStatus[]).includes(status),
);

export interface ProviderCapabilities {
  /** Channels the provider can deliver the link through itself; empty means the portal must deliver it. */
  distribution: readonly DistributionMethod[];
  readSession: boolean;
  disableSession: boolean;
}

/** Redirect and callback URLs, already containing `{{session_id}}`/`{{order_id}}` placeholders and the per-session secret. */
export interface MerchantUrls {
  success: string;
  cancel: string;
  back: string;
  failure: string;
  error: string;
  statusUpdate: string;
  /** Kustom's Checkout v3 order (`{checkout.order.id}` is Kustom's placeholder); other providers ignore it. */
  order: OrderMerchantUrls;
}

/** The URLs Checkout v3 requires whenever an order's `merchant_urls` is sent. */
export interface OrderMerchantUrls {
  terms: string;
  checkout: string;
  confirmation: string;
  /** Checkout's push, carrying the link's reference and callback secret so it is authorized like status_update. */
  push: string;
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

/** What later calls (distribute, read, disable) need; a `CreatedSession` is one, and so is what is stored of it. */
export interface SessionRef {
  providerSessionId: string;
  /** Authenticated API URL to read / disable the session, exactly as the provider returned it. */
  sessionUrl?: string;
  /** Authenticated API URL to distribute the session, exactly as the provider returned it. */
  distributionUrl?: string;
  /** When known, a 404 after this instant is reported as SESSION_EXPIRED rather than NOT_FOUND. */
  expiresAt?: Date;
}

/** The provider's answer to a session creation. URLs are kept exactly as the provider returned them. */
export interface CreatedSession extends SessionRef {
  kind: ProviderKind;
  providerOrderId?: string;
  /** Checkout order URL (Kustom): the order's Location header. */
  orderUrl?: string;
  /** Public URL for the customer. */
  redirectUrl: string;
  qrCodeUrl?: string;
  manualIdCheckUrl?: string;
  distributionModule?: DistributionModule;
  /** Checkout order status at creation (Kustom), e.g. "checkout_incomplete". */
  orderStatus?: string;
  /** Totals actually sent to the provider (minor units). */
  amount: number;
  taxAmount: number;
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
