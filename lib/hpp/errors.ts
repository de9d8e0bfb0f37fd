import type { DistributionMethod } from "./types";

/**
 * Provider codes that are also our codes: the HPP distribution error table, Checkout v3's BAD_VALUE and
 * READ_ONLY_ORDER, and the HPP disable contract (docs/providers.md#errors).
 */
export const PASS_THROUGH_CODES = [
  "UNKNOWN",
  "MISSING_CONTACT_DATA",
  "NOT_FOUND",
  "CONSTRAINT_VIOLATION",
  "UNSUPPORTED_COUNTRY",
  "BLACKLIST_REFUSED",
  "EMAIL_LIMIT_EXCEEDED",
  "BAD_GATEWAY",
  "SESSION_EXPIRED",
  "ALREADY_COMPLETED",
  "BAD_VALUE",
  "READ_ONLY_ORDER",
] as const;

/** Stable codes the portal branches on. Provider codes outside this list become UNKNOWN. */
export const HPP_ERROR_CODES = [
  ...PASS_THROUGH_CODES,
  "UNAUTHORIZED",
  "FORBIDDEN",
  "LINK_CLOSED",
  "ACCESS_ID_NOT_FOUND",
  "TOKENIZATION_NOT_SUPPORTED",
  "INVALID_REQUEST",
  "RATE_LIMITED",
  "PROVIDER_UNAVAILABLE",
  "TIMEOUT",
  "NETWORK",
  "MALFORMED_RESPONSE",
  "NOT_SUPPORTED",
] as const;
export type HppErrorCode = (typeof HPP_ERROR_CODES)[number];

/** Form field (or area) an error points at, so the UI can put the message under it. */
export type HppErrorField =
  | "email"
  | "phone"
  | "phoneCountry"
  | "accessId"
  | "contact"
  | "order"
  | "amount"
  | "currency"
  | "reference"
  | "customer"
  | "merchantUrls"
  | "terminal"
  | "tokenization";

/** One plain sentence per code for a call-center agent. Never contains provider text. */
export const HPP_ERROR_MESSAGES: Record<HppErrorCode, string> = {
  UNKNOWN: "Something went wrong at the payment provider. Try again, and contact support if it keeps happening.",
  MISSING_CONTACT_DATA: "The customer's contact details are incomplete. Check the email address or phone number and try again.",
  NOT_FOUND: "This payment link no longer exists. Create a new payment link for the customer.",
  CONSTRAINT_VIOLATION: "The payment provider did not accept these details. Check the customer's contact details and try again.",
  UNSUPPORTED_COUNTRY: "This phone number isn't valid for the selected country, or text messages can't be sent there. Check the number and country, or send the link by email.",
  BLACKLIST_REFUSED: "This customer can't be sent a payment link. Ask for another contact or payment method.",
  EMAIL_LIMIT_EXCEEDED: "Today's limit for test emails has been reached. Send the link another way or try again tomorrow.",
  BAD_GATEWAY: "Text messages can't be sent from the test environment. Send the link by email instead.",
  UNAUTHORIZED: "The portal could not sign in to the payment provider. Contact an administrator to check the provider credentials.",
  FORBIDDEN: "The portal is not allowed to do this at the payment provider. Contact an administrator.",
  SESSION_EXPIRED: "This payment link has expired. Create a new payment link for the customer.",
  LINK_CLOSED: "This payment link is already closed (paid, cancelled or disabled), so it can't be sent. Create a new payment link if the customer still needs to pay.",
  ACCESS_ID_NOT_FOUND: "The customer's QR code wasn't recognised. Ask the customer to show their QR code again and enter it once more.",
  ALREADY_COMPLETED: "The customer has already paid with this link, so it can't be cancelled.",
  BAD_VALUE: "The payment provider did not accept the order amounts. Check the order lines and try again.",
  READ_ONLY_ORDER: "This order can no longer be changed. Create a new payment link instead.",
  TOKENIZATION_NOT_SUPPORTED: "Saving the customer's card isn't available for this store. Create the link without saving the card.",
  INVALID_REQUEST: "The payment provider did not accept some of the payment details. Check the order and any highlighted field, then try again.",
  RATE_LIMITED: "The payment provider is busy right now. Wait a minute and try again.",
  PROVIDER_UNAVAILABLE: "The payment provider is not responding right now. Try again in a few minutes.",
  TIMEOUT: "The payment provider took too long to answer. Try again in a moment.",
  NETWORK: "The portal could not reach the payment provider. Try again in a moment.",
  MALFORMED_RESPONSE: "The payment provider sent an answer the portal could not read. Try again, and contact support if it keeps happening.",
  NOT_SUPPORTED: "This payment provider can't do that. Copy the payment link and send it to the customer yourself.",
};

/** Codes where trying the same thing again later may succeed. */
const RETRYABLE: ReadonlySet<HppErrorCode> = new Set<HppErrorCode>([
  "RATE_LIMITED",
  "PROVIDER_UNAVAILABLE",
  "TIMEOUT",
  "NETWORK",
  "MALFORMED_RESPONSE",
]);

export function isRetryableCode(code: HppErrorCode): boolean {
  return RETRYABLE.has(code);
}

function contactField(method: DistributionMethod | undefined): HppErrorField {
  if (method === "sms") return "phone";
  if (method === "token") return "accessId";
  if (method === "email") return "email";
  return "contact";
}

/** Which field an error code points at; distribution errors depend on the method that was used. */
export function fieldFor(code: HppErrorCode, method?: DistributionMethod): HppErrorField | undefined {
  switch (code) {
    case "MISSING_CONTACT_DATA":
    case "CONSTRAINT_VIOLATION":
    case "BLACKLIST_REFUSED":
      return contactField(method);
    case "ACCESS_ID_NOT_FOUND":
      return "accessId";
    case "UNSUPPORTED_COUNTRY":
    case "BAD_GATEWAY":
      return "phone";
    case "EMAIL_LIMIT_EXCEEDED":
      return "email";
    case "BAD_VALUE":
    case "READ_ONLY_ORDER":
      return "order";
    case "TOKENIZATION_NOT_SUPPORTED":
      return "tokenization";
    default:
      return undefined;
  }
}

export interface HppErrorOptions {
  httpStatus?: number;
  correlationId?: string;
  field?: HppErrorField;
  /** Field name as the provider spelled it (e.g. `customer_email`); a name, never provider prose. */
  providerField?: string;
  /** The code the provider sent, when it differs from `code` (e.g. an unlisted code mapped to UNKNOWN). */
  providerCode?: string;
  /** Milliseconds the provider asked us to wait (429). */
  retryAfterMs?: number;
  retryable?: boolean;
  /** Developer detail for logs; never shown to agents. */
  detail?: string;
  cause?: unknown;
}

export class HppError extends Error {
  readonly code: HppErrorCode;
  readonly httpStatus?: number;
  readonly correlationId?: string;
  readonly field?: HppErrorField;
  readonly providerField?: string;
  readonly providerCode?: string;
  readonly retryAfterMs?: number;
  readonly retryable: boolean;

  constructor(code: HppErrorCode, options: HppErrorOptions = {}) {
    super(options.detail ? `${code}: ${options.detail}` : code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "HppError";
    this.code = code;
    this.retryable = options.retryable ?? isRetryableCode(code);
    if (options.httpStatus !== undefined) this.httpStatus = options.httpStatus;
    if (options.correlationId !== undefined) this.correlationId = options.correlationId;
    if (options.field !== undefined) this.field = options.field;
    if (options.providerField !== undefined) this.providerField = options.providerField;
    if (options.providerCode !== undefined) this.providerCode = options.providerCode;
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

export function isHppError(value: unknown): value is HppError {
  return value instanceof HppError;
}
