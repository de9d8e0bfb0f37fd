/** Logging that keeps customer contacts, credentials and tokens out of the server log. */

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

/**
 * An unexpected failure, logged so the correlation id shown to the user leads somewhere: the error's
 * name, redacted message and redacted stack.
 */
export function logUnexpected(scope: string, correlationId: string, error: unknown): void {
  if (error instanceof Error) {
    console.error(`[${scope}] unexpected error ${correlationId}: ${error.name}: ${redact(error.message)}\n${redact(error.stack ?? "")}`);
  } else {
    console.error(`[${scope}] unexpected error ${correlationId}: ${typeof error}`);
  }
}
