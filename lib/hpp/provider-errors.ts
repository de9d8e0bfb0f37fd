/**
 * Provider error bodies: the three shapes the providers send, parsed, and a non-2xx response turned into
 * an HppError (status first, the provider's code refining it where the contract defines one).
 */
import { fieldFor, HppError, PASS_THROUGH_CODES, type HppErrorCode, type HppErrorField, type HppErrorOptions } from "./errors";
import type { DistributionMethod } from "./types";

export interface ProviderFieldError {
  field?: string;
  message?: string;
}

/** Normalised view of the three error body shapes the providers send. */
export interface ParsedProviderError {
  shape: "classic" | "error_id" | "platform";
  code?: string;
  /** Provider prose: for logs only. */
  messages: string[];
  correlationId?: string;
  errorId?: string;
  errorType?: string;
  fieldErrors: ProviderFieldError[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

function fieldErrorsFrom(value: unknown): ProviderFieldError[] {
  const items = Array.isArray(value) ? value : isRecord(value) ? Object.entries(value).map(([field, message]) => ({ field, message })) : [];
  return items.flatMap((item): ProviderFieldError[] => {
    if (typeof item === "string") return [{ message: item }];
    if (!isRecord(item)) return [];
    const field = str(item.property) ?? str(item.field) ?? str(item.path) ?? str(item.parameter) ?? str(item.name);
    const rawMessage = item.message ?? item.reason ?? item.error_message;
    const message = typeof rawMessage === "string" ? rawMessage : Array.isArray(rawMessage) ? rawMessage.filter((m) => typeof m === "string").join("; ") : undefined;
    return [{ ...(field !== undefined && { field }), ...(message !== undefined && { message }) }];
  });
}

/**
 * Parses `{error_code, error_messages[], correlation_id}` (classic Klarna),
 * `{error_id, error_type, error_code, error_message, validation_errors}` (newer Klarna APIs) and
 * `{status: "INVALID", errors: [{property, message}]}` (payment platform). Returns undefined for anything else.
 */
export function parseProviderError(body: unknown): ParsedProviderError | undefined {
  let value = body;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!isRecord(value)) return undefined;

  if (Array.isArray(value.errors) && (str(value.status) !== undefined || value.error_code === undefined)) {
    const fieldErrors = fieldErrorsFrom(value.errors);
    const code = str(value.status);
    return {
      shape: "platform",
      ...(code !== undefined && { code }),
      messages: fieldErrors.flatMap((e) => (e.message ? [e.message] : [])),
      fieldErrors,
    };
  }

  const code = str(value.error_code);
  const errorId = str(value.error_id);
  const errorType = str(value.error_type);
  if (errorId !== undefined || errorType !== undefined || value.validation_errors !== undefined || typeof value.error_message === "string") {
    const message = str(value.error_message);
    const correlationId = str(value.correlation_id) ?? errorId;
    return {
      shape: "error_id",
      ...(code !== undefined && { code }),
      messages: message !== undefined ? [message] : [],
      ...(correlationId !== undefined && { correlationId }),
      ...(errorId !== undefined && { errorId }),
      ...(errorType !== undefined && { errorType }),
      fieldErrors: fieldErrorsFrom(value.validation_errors),
    };
  }

  if (code !== undefined || Array.isArray(value.error_messages) || str(value.correlation_id) !== undefined) {
    const correlationId = str(value.correlation_id);
    const messages = Array.isArray(value.error_messages) ? value.error_messages.filter((m): m is string => typeof m === "string") : [];
    return {
      shape: "classic",
      ...(code !== undefined && { code }),
      messages,
      ...(correlationId !== undefined && { correlationId }),
      fieldErrors: [],
    };
  }
  return undefined;
}

/** Which call produced the error; some statuses mean different things per operation. */
export interface ErrorContext {
  operation: string;
  /**
   * Set for distribution calls (and only for them): points field errors at the right input, and lets
   * CONSTRAINT_VIOLATION mean the contact details, or the session being closed when the provider names it.
   */
  method?: DistributionMethod;
  /** 400 on this operation means the session was already completed (HPP disable). */
  badRequestMeans?: HppErrorCode;
  /** 404 on this operation has one documented meaning (HPP create: "Payment session has expired"). */
  notFoundMeans?: HppErrorCode;
  /** Known session expiry: a 404 after it becomes SESSION_EXPIRED. */
  expiresAt?: Date;
  now?: Date;
}


const PLATFORM_FIELDS: Record<string, HppErrorField> = {
  reference: "reference",
  terminal_id: "terminal",
  currency: "currency",
  amount: "amount",
  transaction_type: "order",
  description: "order",
  success_url: "merchantUrls",
  cancel_url: "merchantUrls",
  error_url: "merchantUrls",
  customer_email: "email",
  customer_phone_number: "phone",
  customer_first_name: "customer",
  customer_last_name: "customer",
  customer_country: "customer",
};

function fieldFromProviderName(name: string | undefined): HppErrorField | undefined {
  if (name === undefined) return undefined;
  const key = name.replace(/^\$\.?/, "").replace(/\[\d+\]/g, "");
  if (key.startsWith("tokenization")) return "tokenization";
  if (key in PLATFORM_FIELDS) return PLATFORM_FIELDS[key];
  if (key.startsWith("order_lines") || key.startsWith("order_amount") || key.startsWith("order_tax_amount")) return "order";
  if (key.startsWith("merchant_urls")) return "merchantUrls";
  if (/(^|\.)email$/.test(key)) return "email";
  if (/(^|\.)phone_country$/.test(key)) return "phoneCountry";
  if (/(^|\.)phone$/.test(key)) return "phone";
  if (/(^|\.)access_id$/.test(key)) return "accessId";
  return undefined;
}

/** Provider field names that are not something the agent typed, so no input should be highlighted. */
const NOT_INPUT_FIELDS: ReadonlySet<string> = new Set(["session", "body", "payment_session_url", "fault", "service"]);

/** The provider says the session itself is closed (contract: "Or session is disabled by merchant"). */
function namesClosedSession(parsed: ParsedProviderError | undefined): boolean {
  if (!parsed) return false;
  if (parsed.fieldErrors.some((e) => e.field === "session")) return true;
  return parsed.messages.some((m) => /\bsession\b.*\b(disabled|completed|cancell?ed|closed)\b/i.test(m));
}

/** The contract's distribution 404 "access token not found", as opposed to the session not being found. */
function namesAccessToken(parsed: ParsedProviderError | undefined): boolean {
  if (!parsed) return false;
  if (parsed.fieldErrors.some((e) => e.field !== undefined && /(^|\.)access_id$/.test(e.field))) return true;
  return parsed.messages.some((m) => /access[ _-]?(token|id)\b/i.test(m));
}

function isPassThrough(code: string | undefined): code is HppErrorCode {
  return code !== undefined && (PASS_THROUGH_CODES as readonly string[]).includes(code);
}

/**
 * Turns a non-2xx provider response into an HppError. Pure: the caller logs the raw body.
 * Status decides the class of problem; the provider's code refines it where the contract defines one.
 */
export function errorFromResponse(
  status: number,
  parsed: ParsedProviderError | undefined,
  context: ErrorContext,
  extra: { correlationId?: string; retryAfterMs?: number } = {},
): HppError {
  const providerCode = parsed?.code?.toUpperCase();
  const correlationId = parsed?.correlationId ?? extra.correlationId;
  const base = {
    httpStatus: status,
    ...(correlationId !== undefined && { correlationId }),
    ...(providerCode !== undefined && { providerCode }),
    detail: `${context.operation} returned HTTP ${status}${providerCode ? ` (${providerCode})` : ""}`,
  };
  // The provider's own field list beats our per-code guess (e.g. a 400 about the session, not the contact).
  const namedField = parsed?.fieldErrors.find((e) => e.field !== undefined)?.field;
  const make = (code: HppErrorCode, more: HppErrorOptions = {}): HppError => {
    const field =
      more.field ??
      fieldFromProviderName(namedField) ??
      (namedField !== undefined && NOT_INPUT_FIELDS.has(namedField) ? undefined : fieldFor(code, context.method));
    return new HppError(code, {
      ...base,
      ...(field !== undefined && { field }),
      ...(namedField !== undefined && { providerField: namedField }),
      ...more,
    });
  };

  if (status === 401) return make("UNAUTHORIZED");
  if (status === 403) return make(providerCode === "READ_ONLY_ORDER" ? "READ_ONLY_ORDER" : "FORBIDDEN");
  if (status === 404 || status === 410) {
    if (context.method === "token" && namesAccessToken(parsed)) return make("ACCESS_ID_NOT_FOUND");
    if (context.notFoundMeans !== undefined) return make(context.notFoundMeans);
    const expired =
      providerCode === "SESSION_EXPIRED" ||
      status === 410 ||
      (context.expiresAt !== undefined && context.expiresAt.getTime() <= (context.now ?? new Date()).getTime());
    return make(expired ? "SESSION_EXPIRED" : "NOT_FOUND");
  }
  if (status === 429) {
    if (providerCode === "EMAIL_LIMIT_EXCEEDED") return make("EMAIL_LIMIT_EXCEEDED");
    return make("RATE_LIMITED", extra.retryAfterMs !== undefined ? { retryAfterMs: extra.retryAfterMs } : {});
  }
  if (status === 502 && providerCode === "BAD_GATEWAY") return make("BAD_GATEWAY");
  if (status >= 500) return make("PROVIDER_UNAVAILABLE");

  if (status === 400 && context.badRequestMeans !== undefined) return make(context.badRequestMeans);
  if (parsed?.shape === "platform") {
    const tokenization = parsed.fieldErrors.find((e) => e.field?.startsWith("tokenization"));
    if (tokenization) return make("TOKENIZATION_NOT_SUPPORTED", { providerField: tokenization.field! });
    const first = parsed.fieldErrors.find((e) => e.field !== undefined);
    const field = fieldFromProviderName(first?.field);
    return make("INVALID_REQUEST", { ...(field !== undefined && { field }), ...(first?.field !== undefined && { providerField: first.field }) });
  }
  if (providerCode === "CONSTRAINT_VIOLATION") {
    // The distribution error table defines it for contact details; elsewhere it is the contract's generic 400 (docs/providers.md#errors).
    if (context.method === undefined) return make("INVALID_REQUEST");
    return make(namesClosedSession(parsed) ? "LINK_CLOSED" : "CONSTRAINT_VIOLATION");
  }
  if (isPassThrough(providerCode)) return make(providerCode);
  const fieldError = parsed?.fieldErrors.find((e) => e.field !== undefined);
  if (fieldError || status === 422) {
    const field = fieldFromProviderName(fieldError?.field);
    return make("INVALID_REQUEST", { ...(field !== undefined && { field }), ...(fieldError?.field !== undefined && { providerField: fieldError.field }) });
  }
  return make("UNKNOWN");
}
