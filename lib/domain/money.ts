/**
 * Money as integer minor units, parsed from what people type without ever going through a float.
 * Browser-safe: imported by client components and server actions.
 */

export type MoneyErrorCode = "REQUIRED" | "INVALID" | "NEGATIVE" | "TOO_MANY_DECIMALS" | "TOO_LARGE" | "OUT_OF_RANGE";

export type NumberParseResult = { ok: true; value: number } | { ok: false; code: MoneyErrorCode; message: string };

export class MoneyParseError extends Error {
  readonly code: MoneyErrorCode;
  constructor(code: MoneyErrorCode, message: string) {
    super(message);
    this.name = "MoneyParseError";
    this.code = code;
  }
}

/** More digits than this could exceed Number.MAX_SAFE_INTEGER (9 007 199 254 740 991). */
const MAX_DIGITS = 15;

/** Spaces people and Intl put between thousands: space, no-break, narrow no-break, thin; and Swiss apostrophes. */
const GROUPING_SPACES = /[\s\u00a0\u202f\u2009'\u2019]/g;

const digitsCache = new Map<string, number>();

function normalizeCurrency(currency: string): string {
  const code = currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw new RangeError(`Not an ISO 4217 currency code: ${currency}`);
  return code;
}

/** Digits after the decimal point in the currency's minor unit, from Intl (SEK/EUR 2, JPY 0, KWD 3). */
export function currencyMinorDigits(currency: string): number {
  const code = normalizeCurrency(currency);
  let digits = digitsCache.get(code);
  if (digits === undefined) {
    digits = new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(code, digits);
  }
  return digits;
}

type DecimalParts = { integer: string; fraction: string };

/**
 * Splits a non-negative decimal typed with "," or "." as the decimal separator and spaces, "." or "," between
 * thousands. Both separators present: the last one is the decimal separator. One separator used several
 * times: thousands. One separator once: decimal, unless `maxDecimals` is 0 and it groups thousands
 * ("1,234" yen). Grouping must be in threes so "12 34" is not silently read as 1234.
 */
function splitDecimal(text: string, maxDecimals: number, allowGrouping: boolean): DecimalParts | undefined {
  const spaced = text.replace(GROUPING_SPACES, " ");
  if (!/^[\d., ]+$/.test(spaced)) return undefined;

  const lastDot = spaced.lastIndexOf(".");
  const lastComma = spaced.lastIndexOf(",");
  let decimalSeparator: string | undefined;
  if (lastDot >= 0 && lastComma >= 0) decimalSeparator = lastDot > lastComma ? "." : ",";
  else if (lastDot >= 0 || lastComma >= 0) {
    const separator = lastDot >= 0 ? "." : ",";
    const count = spaced.split(separator).length - 1;
    const groupsThousands = allowGrouping && /^\d{1,3}(?:[.,]\d{3})+$/.test(spaced.replace(/ /g, ""));
    decimalSeparator = count > 1 || (maxDecimals === 0 && groupsThousands) ? undefined : separator;
  }

  let integer = spaced;
  let fraction = "";
  if (decimalSeparator !== undefined) {
    const at = spaced.lastIndexOf(decimalSeparator);
    integer = spaced.slice(0, at);
    fraction = spaced.slice(at + 1);
  }
  if (!/^\d*$/.test(fraction)) return undefined;

  if (/[., ]/.test(integer)) {
    if (!allowGrouping) return undefined;
    const groupChars = new Set(integer.replace(/\d/g, ""));
    if (groupChars.size !== 1 || !/^\d{1,3}(?:[., ]\d{3})+$/.test(integer)) return undefined;
    integer = integer.replace(/[., ]/g, "");
  }
  if (integer === "" && fraction === "") return undefined;
  return { integer, fraction };
}

function isNegative(text: string): boolean {
  return /^[-\u2212]/.test(text);
}

function failure(code: MoneyErrorCode, message: string): NumberParseResult {
  return { ok: false, code, message };
}

function exampleAmount(digits: number): string {
  return digits === 0 ? "1990" : `199.${"5".padEnd(digits, "0")}`;
}

/** "1 234,50" SEK → 123450. Never uses floating point; see splitDecimal for the separators accepted. */
export function safeParseMajorToMinor(input: string, currency: string): NumberParseResult {
  const digits = currencyMinorDigits(currency);
  const code = normalizeCurrency(currency);
  const text = input.trim();
  if (text === "") return failure("REQUIRED", "Enter an amount.");
  if (isNegative(text)) return failure("NEGATIVE", "The amount can't be negative.");

  const parts = splitDecimal(text, digits, true);
  if (!parts) return failure("INVALID", `Enter an amount like ${exampleAmount(digits)}.`);
  if (parts.fraction.length > digits) {
    return failure(
      "TOO_MANY_DECIMALS",
      digits === 0 ? `${code} amounts can't have decimals.` : `Use at most ${digits} decimals for ${code}.`,
    );
  }

  const minorDigits = (parts.integer + parts.fraction.padEnd(digits, "0")).replace(/^0+(?=\d)/, "");
  if (minorDigits.length > MAX_DIGITS) return failure("TOO_LARGE", "The amount is too large.");
  return { ok: true, value: Number(minorDigits) };
}

/** parseMajorToMinor("199.50", "SEK") → 19950; throws MoneyParseError with a user-facing message. */
export function parseMajorToMinor(input: string, currency: string): number {
  const result = safeParseMajorToMinor(input, currency);
  if (!result.ok) throw new MoneyParseError(result.code, result.message);
  return result.value;
}

function assertMinor(minor: number): void {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Minor units must be a safe integer, got ${minor}`);
}

/** Exact decimal string of an amount in minor units, e.g. (19950, "SEK") → "199.50", (-5, "EUR") → "-0.05". */
export function minorToMajorString(minor: number, currency: string): string {
  assertMinor(minor);
  const digits = currencyMinorDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = String(Math.abs(minor)).padStart(digits + 1, "0");
  if (digits === 0) return `${sign}${abs}`;
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

const formatCache = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, currency: string, style: "currency" | "decimal"): Intl.NumberFormat {
  const code = normalizeCurrency(currency);
  const key = `${locale}|${code}|${style}`;
  let format = formatCache.get(key);
  if (!format) {
    const digits = currencyMinorDigits(code);
    format = new Intl.NumberFormat(locale, {
      style,
      ...(style === "currency" ? { currency: code } : {}),
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatCache.set(key, format);
  }
  return format;
}

/**
 * formatMinor(19950, "SEK", "sv-SE") → "199,50 kr". The amount is handed to Intl as an exact decimal string,
 * so no division by 100 can round it.
 */
export function formatMinor(minor: number, currency: string, locale: string): string {
  return numberFormat(locale, currency, "currency").format(minorToMajorString(minor, currency) as `${number}`);
}

/** The amount without the currency, as the locale writes it ("1 234,50" in sv-SE) — for prefilling inputs. */
export function formatMinorAsNumber(minor: number, currency: string, locale: string): string {
  return numberFormat(locale, currency, "decimal").format(minorToMajorString(minor, currency) as `${number}`);
}

/** "12.5" or "12,5 %" → 1250 basis points; at most 2 decimals, 0–100. */
export function safePercentToBasisPoints(input: string): NumberParseResult {
  const text = input.trim().replace(/\s*%$/, "");
  if (text === "") return failure("REQUIRED", "Enter a percentage.");
  if (isNegative(text)) return failure("NEGATIVE", "The percentage can't be negative.");
  const parts = splitDecimal(text, 2, false);
  if (!parts) return failure("INVALID", "Enter a percentage like 25 or 12.5.");
  if (parts.fraction.length > 2) return failure("TOO_MANY_DECIMALS", "Use at most 2 decimals for a percentage.");
  const bpDigits = (parts.integer + parts.fraction.padEnd(2, "0")).replace(/^0+(?=\d)/, "");
  if (bpDigits.length > 5 || Number(bpDigits) > 10_000) {
    return failure("OUT_OF_RANGE", "The percentage must be between 0 and 100.");
  }
  return { ok: true, value: Number(bpDigits) };
}

/** percentToBasisPoints("12.5") → 1250; throws MoneyParseError with a user-facing message. */
export function percentToBasisPoints(input: string): number {
  const result = safePercentToBasisPoints(input);
  if (!result.ok) throw new MoneyParseError(result.code, result.message);
  return result.value;
}

/** 1250 → "12.5", 2500 → "25": the store's standard rate as a form default. */
export function basisPointsToPercentString(basisPoints: number): string {
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) throw new RangeError(`Not basis points: ${basisPoints}`);
  const padded = String(basisPoints).padStart(3, "0");
  const fraction = padded.slice(-2).replace(/0+$/, "");
  return fraction === "" ? padded.slice(0, -2) : `${padded.slice(0, -2)}.${fraction}`;
}
