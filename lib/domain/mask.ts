/**
 * Masked customer contacts for screens and history: enough for an agent to recognise, not to reuse.
 * Browser-safe.
 */
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/** "+46 70 ••• •• 67": country code and operator prefix, the last two digits. */
export function maskPhone(e164: string | null | undefined): string | null {
  if (!e164) return null;
  const parsed = parsePhoneNumberFromString(e164);
  const digits = (parsed?.nationalNumber ?? e164.replace(/\D/g, "")).toString();
  const prefix = parsed ? `+${parsed.countryCallingCode} ` : "";
  if (digits.length <= 4) return `${prefix}${"•".repeat(digits.length)}`;
  const head = digits.slice(0, 2);
  const tail = digits.slice(-2);
  const hidden = "•".repeat(digits.length - 4).replace(/(•{3})(?=•)/, "$1 ");
  return `${prefix}${head} ${hidden} ${tail}`;
}

/** "a•••@example.com": first character of the local part and the whole domain. */
export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.lastIndexOf("@");
  if (at <= 0) return "•••";
  return `${email[0]}•••${email.slice(at)}`;
}

/** The Klarna app token: its first and last few characters. */
export function maskAccessId(accessId: string | null | undefined): string | null {
  if (!accessId) return null;
  if (accessId.length <= 8) return "•".repeat(accessId.length);
  return `${accessId.slice(0, 4)}…${accessId.slice(-4)}`;
}
