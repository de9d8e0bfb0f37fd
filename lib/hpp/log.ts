export interface HppLogger {
  warn(message: string, details: Record<string, unknown>): void;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// A leading + or 0 and at least 7 digits, allowing spaces, dots, dashes and brackets between them.
const PHONE = /(?<![\w-])(?:\+|00|0)[\d\s().-]{6,}\d(?![\w-])/g;
const AUTH_HEADER = /\b(authorization|x-api-key|proxy-authorization)(["']?\s*[:=]\s*["']?)[^"'\r\n,}]+/gi;
const SCHEME_CREDENTIALS = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;
const SECRET_KEYS =
  "access_token|refresh_token|id_token|token|password|secret|api_key|apikey|access_id|authorization_token|phone|phone_number|customer_phone_number|email|customer_email";
// JSON members (`"email": "…"`) and form/query pairs (`password=…`); prose such as "email: is invalid" is left alone.
const SECRET_FIELDS = new RegExp(`("(?:${SECRET_KEYS})"\\s*:\\s*|\\b(?:${SECRET_KEYS})=)("(?:[^"\\\\]|\\\\.)*"|[^\\s,}&]+)`, "gi");
const URL_SECRETS = /([?&](?:secret|token|sid|access_token|key)=)[^&#\s"]+/gi;

/** Removes emails, phone numbers, credentials and tokens from provider text before it is logged. */
export function redact(text: string): string {
  return text
    .replace(SECRET_FIELDS, (_m, key: string, value: string) => `${key}${value.startsWith('"') ? '"[redacted]"' : "[redacted]"}`)
    .replace(AUTH_HEADER, (_m, name: string, sep: string) => `${name}${sep}[redacted]`)
    .replace(SCHEME_CREDENTIALS, (_m, scheme: string) => `${scheme} [redacted]`)
    .replace(URL_SECRETS, (_m, key: string) => `${key}[redacted]`)
    .replace(EMAIL, "[email]")
    .replace(PHONE, "[phone]");
}

function redactValue(value: unknown): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v)]));
  }
  return value;
}

export const consoleLogger: HppLogger = {
  warn(message, details) {
    console.warn(`[hpp] ${message}`, details);
  },
};

/** Logs with every string in `details` redacted; the correlation id is kept verbatim so support can trace the call. */
export function logRedacted(logger: HppLogger, message: string, details: Record<string, unknown>): void {
  const { correlationId, ...rest } = details;
  logger.warn(redact(message), { ...(redactValue(rest) as Record<string, unknown>), ...(correlationId !== undefined && { correlationId }) });
}
