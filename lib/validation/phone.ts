/**
 * Phone numbers for the pay-by-link form. Browser-safe: imported by client components and server actions.
 *
 * Validity follows libphonenumber-js's default "min" metadata (~19 KB gzip): length and the country's
 * general number pattern. It accepts numbers in ranges not yet assigned (the provider's own docs use
 * 0712345678 in SE), which the provider accepts too. The "max" metadata (~40 KB gzip) is loaded on demand
 * — never in the first client bundle — and used only to tell a number type that can't take an SMS
 * (landline, toll-free…) when it recognises the number. Until it has loaded, no type is known.
 * Examples in messages come from the mobile example set (~1.4 KB gzip).
 */
import {
  getCountries,
  getCountryCallingCode,
  getExampleNumber,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type NumberType,
  type PhoneNumber,
} from "libphonenumber-js/min";
import { parsePhoneNumberFromString as parseWithMetadata, type MetadataJson } from "libphonenumber-js/core";
import mobileExamples from "libphonenumber-js/mobile/examples";
import { z } from "zod";

let typeMetadata: MetadataJson | undefined;
let typeMetadataLoad: Promise<void> | undefined;

/**
 * Loads the number-type metadata ("max"). Server actions await it before parsing; the form starts it
 * when the phone field appears and re-checks the number once it arrives.
 */
export function loadPhoneNumberTypes(): Promise<void> {
  typeMetadataLoad ??= import("libphonenumber-js/max/metadata").then((module) => {
    typeMetadata = module.default as MetadataJson;
  });
  return typeMetadataLoad;
}

/** The number's type by "max" metadata, or undefined when not loaded or when max doesn't recognise it. */
function numberTypeOf(e164: string): NumberType {
  if (!typeMetadata) return undefined;
  const phone = parseWithMetadata(e164, typeMetadata);
  return phone?.isValid() ? phone.getType() : undefined;
}

export type PhoneCountry = CountryCode;

export type ParsedPhone = {
  /** E.164, e.g. "+46701234567". */
  e164: string;
  /** The region the number belongs to, which may differ from the selected country (+33… is FR). */
  country: PhoneCountry;
  /** e.g. "070-123 45 67" */
  national: string;
  /** e.g. "+46 70 123 45 67" */
  international: string;
  /** By "max" metadata; undefined when it does not recognise the number (or has not loaded yet). */
  type: NumberType;
  /** False only when the number type is known and cannot receive SMS (landline, toll-free, …). */
  smsCapable: boolean;
};

export type PhoneErrorCode =
  | "REQUIRED"
  | "INVALID_CHARACTERS"
  | "COUNTRY_REQUIRED"
  | "UNKNOWN_CALLING_CODE"
  | "TOO_SHORT"
  | "TOO_LONG"
  | "INVALID"
  | "NOT_GEOGRAPHIC"
  | "NOT_MOBILE";

export type PhoneResult =
  | { ok: true; value: ParsedPhone }
  | { ok: false; code: PhoneErrorCode; message: string };

export type ParsePhoneOptions = {
  /** Reject numbers that are known not to receive SMS (for the SMS channel). */
  requireMobile?: boolean;
};

/** Digits with spaces, dashes, dots, slashes and parentheses; an optional leading "+". */
const ALLOWED_PHONE_INPUT = /^\+?[\d\s().\-/]*$/;

const NOT_SMS_TYPES: Partial<Record<NonNullable<NumberType>, string>> = {
  FIXED_LINE: "a landline number",
  TOLL_FREE: "a toll-free number",
  PREMIUM_RATE: "a premium-rate number",
  SHARED_COST: "a shared-cost number",
  UAN: "a company switchboard number",
  VOICEMAIL: "a voicemail number",
};

/** Nationality adjectives for the countries the portal mostly serves; others fall back to "for <Country>". */
const ADJECTIVES: Partial<Record<PhoneCountry, string>> = {
  SE: "Swedish",
  NO: "Norwegian",
  DK: "Danish",
  FI: "Finnish",
  IS: "Icelandic",
  DE: "German",
  AT: "Austrian",
  CH: "Swiss",
  NL: "Dutch",
  BE: "Belgian",
  FR: "French",
  GB: "UK",
  IE: "Irish",
  US: "US",
  CA: "Canadian",
  ES: "Spanish",
  IT: "Italian",
  PT: "Portuguese",
  PL: "Polish",
  CZ: "Czech",
  GR: "Greek",
  AU: "Australian",
  NZ: "New Zealand",
};

const englishRegionNames = createRegionNames("en");

function createRegionNames(locale: string): Intl.DisplayNames | undefined {
  try {
    return new Intl.DisplayNames([locale, "en"], { type: "region", fallback: "code" });
  } catch {
    return undefined;
  }
}

export function isPhoneCountry(value: string): value is PhoneCountry {
  return isSupportedCountry(value);
}

/** Upper-cases and checks an ISO 3166 alpha-2 code ("se" → "SE"); undefined when libphonenumber does not know it. */
export function normalizePhoneCountry(value: string | undefined | null): PhoneCountry | undefined {
  const code = value?.trim().toUpperCase() ?? "";
  return isPhoneCountry(code) ? code : undefined;
}

/** A realistic mobile number for the country, formatted as typed locally ("070-123 45 67") or internationally. */
export function phoneExample(country: PhoneCountry, form: "national" | "international" = "national"): string | undefined {
  const example = getExampleNumber(country, mobileExamples);
  if (!example) return undefined;
  return form === "national" ? example.formatNational() : example.formatInternational();
}

function describeNumberOf(country: PhoneCountry | undefined, callingCode: string | undefined): string {
  if (country) {
    const adjective = ADJECTIVES[country];
    if (adjective) return `${adjective} phone number`;
    return `phone number for ${englishRegionNames?.of(country) ?? country}`;
  }
  return callingCode ? `phone number for country code +${callingCode}` : "phone number";
}

function invalidMessage(country: PhoneCountry | undefined, callingCode: string | undefined, international: boolean): string {
  const example = country ? phoneExample(country, international ? "international" : "national") : undefined;
  const base = `Enter a valid ${describeNumberOf(country, callingCode)}${example ? `, e.g. ${example}` : ""}.`;
  return international ? base : `${base} For another country, start with + and the country code.`;
}

function failure(code: PhoneErrorCode, message: string): PhoneResult {
  return { ok: false, code, message };
}

/**
 * Parses what an agent typed. Local numbers ("070 123 45 67") are read in the selected country;
 * international ones ("+33 6 12 34 56 78", "0033…") keep their own country whatever is selected.
 */
export function parsePhone(input: string, selectedCountry: string | undefined, options: ParsePhoneOptions = {}): PhoneResult {
  const text = input.trim();
  if (text === "") return failure("REQUIRED", "Enter a phone number.");
  if (!ALLOWED_PHONE_INPUT.test(text)) {
    return failure("INVALID_CHARACTERS", "Use only digits, spaces, dashes and parentheses, with + in front of a country code.");
  }

  const country = normalizePhoneCountry(selectedCountry);
  const international = text.startsWith("+");
  if (!international && !country) {
    return failure("COUNTRY_REQUIRED", "Choose the phone number's country, or start the number with + and the country code.");
  }

  const parseOptions = { defaultCountry: country, extract: false } as const;
  const phone: PhoneNumber | undefined = parsePhoneNumberFromString(text, parseOptions);
  // A number typed with an international prefix is described by its own country, not the selected one.
  const numberCountry = phone ? phone.country : international ? undefined : country;
  const callingCode = phone?.countryCallingCode;
  const typedInternationally = international || (phone !== undefined && country !== undefined && callingCode !== getCountryCallingCode(country));

  switch (validatePhoneNumberLength(text, { defaultCountry: country })) {
    case undefined:
      break;
    case "INVALID_COUNTRY":
      if (international) {
        const code = /^\+(\d{1,3})/.exec(text.replace(/[\s().\-/]/g, ""))?.[1];
        return failure("UNKNOWN_CALLING_CODE", `Check the country code${code ? ` +${code}` : ""}: it isn't a country calling code.`);
      }
      return failure("COUNTRY_REQUIRED", "Choose the phone number's country, or start the number with + and the country code.");
    case "TOO_LONG":
      return failure("TOO_LONG", `This number is too long. ${invalidMessage(numberCountry, callingCode, typedInternationally)}`);
    case "TOO_SHORT":
    case "NOT_A_NUMBER":
      return failure("TOO_SHORT", `This number is too short. ${invalidMessage(numberCountry, callingCode, typedInternationally)}`);
    default:
      return failure("INVALID", invalidMessage(numberCountry, callingCode, typedInternationally));
  }

  if (!phone || !phone.isValid()) return failure("INVALID", invalidMessage(numberCountry, callingCode, typedInternationally));
  if (!phone.country) {
    return failure("NOT_GEOGRAPHIC", `Enter the customer's own phone number; +${phone.countryCallingCode} service numbers can't be used.`);
  }

  const type = numberTypeOf(phone.number);
  const notSms = type ? NOT_SMS_TYPES[type] : undefined;
  if (options.requireMobile && notSms) {
    return failure("NOT_MOBILE", `This is ${notSms}, which can't receive text messages. Enter a mobile number or choose another way to send.`);
  }

  return {
    ok: true,
    value: {
      e164: phone.number,
      country: phone.country,
      national: phone.formatNational(),
      international: phone.formatInternational(),
      type,
      smsCapable: notSms === undefined,
    },
  };
}

export type PhoneCountryOption = {
  code: PhoneCountry;
  /** Localised country name, e.g. "Sverige" for sv-SE. */
  name: string;
  /** e.g. "+46" */
  callingCode: string;
};

const countryOptionsCache = new Map<string, PhoneCountryOption[]>();

/** Every country libphonenumber knows, named in `locale` and sorted for the country selector. */
export function phoneCountryOptions(locale = "en"): PhoneCountryOption[] {
  const cached = countryOptionsCache.get(locale);
  if (cached) return cached;
  const names = createRegionNames(locale);
  const collator = new Intl.Collator(locale);
  const options = getCountries()
    .map((code) => ({ code, name: names?.of(code) ?? code, callingCode: `+${getCountryCallingCode(code)}` }))
    .sort((a, b) => collator.compare(a.name, b.name));
  countryOptionsCache.set(locale, options);
  return options;
}

const phoneFields = {
  phone: z.string(),
  phoneCountry: z.string(),
};

function phoneObjectSchema(options: ParsePhoneOptions) {
  return z.object(phoneFields).transform((value, ctx): ParsedPhone => {
    const result = parsePhone(value.phone, value.phoneCountry, options);
    if (result.ok) return result.value;
    const path = result.code === "COUNTRY_REQUIRED" && value.phone.trim() !== "" ? "phoneCountry" : "phone";
    ctx.addIssue({ code: "custom", path: [path], message: result.message, input: value[path] });
    return z.NEVER;
  });
}

/** `{ phone, phoneCountry }` → ParsedPhone; any valid number. */
export const phoneSchema = phoneObjectSchema({});

/** `{ phone, phoneCountry }` → ParsedPhone; rejects numbers known not to receive SMS. */
export const mobilePhoneSchema = phoneObjectSchema({ requireMobile: true });
