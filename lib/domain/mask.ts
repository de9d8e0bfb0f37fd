/**
 * Masked customer contacts for screens and history: enough for an agent to recognise, not to reuse.
 * Browser-safe.
 */
import { getCountries, getCountryCallingCode, parsePhoneNumberFromString } from "libphonenumber-js/max";

let callingCodes: Set<string> | undefined;

/**
 * An E.164 number's country calling code and national number. Calling codes are prefix-free, so the
 * first of one to three digits that is one decides: microseconds, where parsing the number against
 * its country's metadata takes 10–20 µs (a history page masks 25). Null for a code no country uses
 * (the non-geographic +800, +882, …), which then takes the full parse.
 */
function splitE164(e164: string): { callingCode: string; nationalNumber: string } | null {
  if (!/^\+\d{5,15}$/.test(e164)) return null;
  callingCodes ??= new Set(getCountries().map((country) => getCountryCallingCode(country)));
  for (let length = 1; length <= 3; length++) {
    const code = e164.slice(1, 1 + length);
    if (callingCodes.has(code)) return { callingCode: code, nationalNumber: e164.slice(1 + length) };
  }
  return null;
}

/** "+46 70 ••• •• 67": country code and operator prefix, the last two digits. */
export function maskPhone(e164: string | null | undefined): string | null {
  if (!e164) return null;
  const split = splitE164(e164);
  const parsed = split ? null : parsePhoneNumberFromString(e164);
  const digits = split?.nationalNumber ?? (parsed?.nationalNumber ?? e164.replace(/\D/g, "")).toString();
  const code = split?.callingCode ?? parsed?.countryCallingCode;
  const prefix = code ? `+${code} ` : "";
  if (digits.length <= 4) return `${prefix}${"•".repeat(digits.length)}`;
  const head = digits.slice(0, 2);
  const tail = digits.slice(-2);
  return `${prefix}${head} ${hiddenDigits(digits.length - 4)} ${tail}`;
}

/** "••• ••" for 5 hidden digits: the same few strings for every number, so made once each. */
const hiddenByCount = new Map<number, string>();

function hiddenDigits(count: number): string {
  let hidden = hiddenByCount.get(count);
  if (hidden === undefined) {
    hidden = "•".repeat(count).replace(/(•{3})(?=•)/, "$1 ");
    hiddenByCount.set(count, hidden);
  }
  return hidden;
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
