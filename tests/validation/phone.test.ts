import fc from "fast-check";
import { getCountries, getCountryCallingCode, getExampleNumber } from "libphonenumber-js/max";
import mobileExamples from "libphonenumber-js/mobile/examples";
import { beforeAll, describe, expect, it } from "vitest";
import {
  loadPhoneNumberTypes,
  mobilePhoneSchema,
  parsePhone,
  phoneCountryOptions,
  phoneExample,
  phoneSchema,
  type ParsedPhone,
  type PhoneResult,
} from "@/lib/validation/phone";

beforeAll(loadPhoneNumberTypes);

function expectOk(result: PhoneResult): ParsedPhone {
  if (!result.ok) throw new Error(`expected a valid number, got ${result.code}: ${result.message}`);
  return result.value;
}

describe("parsePhone: valid numbers, local and international, with separators", () => {
  it.each([
    // [typed, selected country, E.164, number's country, national format]
    ["070-123 45 67", "SE", "+46701234567", "SE", "070-123 45 67"],
    ["0701234567", "SE", "+46701234567", "SE", "070-123 45 67"],
    ["+46 70 123 45 67", "SE", "+46701234567", "SE", "070-123 45 67"],
    ["08-123 456 78", "SE", "+46812345678", "SE", "08-123 456 78"],
    ["01512 3456789", "DE", "+4915123456789", "DE", "01512 3456789"],
    ["+49 (0) 1512 345-6789", "DE", "+4915123456789", "DE", "01512 3456789"],
    ["030 12345678", "DE", "+493012345678", "DE", "030 12345678"],
    ["06 12 34 56 78", "FR", "+33612345678", "FR", "06 12 34 56 78"],
    ["+33 6 12 34 56 78", "FR", "+33612345678", "FR", "06 12 34 56 78"],
    ["07400 123456", "GB", "+447400123456", "GB", "07400 123456"],
    ["+44 (20) 7946-0958", "GB", "+442079460958", "GB", "020 7946 0958"],
    ["(201) 555-0123", "US", "+12015550123", "US", "(201) 555-0123"],
    ["+1 415.555.2671", "US", "+14155552671", "US", "(415) 555-2671"],
  ])("%s with %s selected → %s", (typed, selected, e164, country, national) => {
    const value = expectOk(parsePhone(typed, selected));
    expect(value).toMatchObject({ e164, country, national });
  });

  it("keeps the country of an international number whatever is selected (+33 with SE is French)", () => {
    expect(expectOk(parsePhone("+33 6 12 34 56 78", "SE"))).toEqual({
      e164: "+33612345678",
      country: "FR",
      national: "06 12 34 56 78",
      international: "+33 6 12 34 56 78",
      type: "MOBILE",
      smsCapable: true,
    });
    expect(expectOk(parsePhone("+49 30 12345678", "US")).country).toBe("DE");
    expect(expectOk(parsePhone("+46 70 123 45 67", "GB")).country).toBe("SE");
  });

  it("reads the 00 international prefix as international", () => {
    expect(expectOk(parsePhone("0033 6 12 34 56 78", "SE"))).toMatchObject({ e164: "+33612345678", country: "FR" });
  });

  it("accepts a lower-case country as the provider's docs send it", () => {
    expect(expectOk(parsePhone("070 123 45 67", "se")).e164).toBe("+46701234567");
  });

  it("tells the region when a calling code is shared (+44 7781 is Guernsey)", () => {
    expect(expectOk(parsePhone("+44 7781 123456", "SE")).country).toBe("GG");
  });
});

describe("parsePhone: invalid numbers get a precise message", () => {
  it("explains the Swedish format with a real example", () => {
    const result = parsePhone("070 123 45 6", "SE");
    expect(result).toEqual({
      ok: false,
      code: "INVALID",
      message: "Enter a valid Swedish phone number, e.g. 070-123 45 67. For another country, start with + and the country code.",
    });
  });

  it.each([
    ["070 123 45 6", "SE", "Swedish", "070-123 45 67"],
    ["070 123 45 678", "SE", "Swedish", "070-123 45 67"],
    ["015", "DE", "German", "01512 3456789"],
    ["06 12 34 56 7", "FR", "French", "06 12 34 56 78"],
    ["06 12 34 56 78 9", "FR", "French", "06 12 34 56 78"],
    ["07400 12345", "GB", "UK", "07400 123456"],
    ["07400 1234567", "GB", "UK", "07400 123456"],
    ["(201) 555-012", "US", "US", "(201) 555-0123"],
    ["201 555 01234", "US", "US", "(201) 555-0123"],
  ])("wrong length %s (%s)", (typed, selected, adjective, example) => {
    const result = parsePhone(typed, selected);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(`Enter a valid ${adjective} phone number, e.g. ${example}.`);
  });

  it.each([
    ["030 12345678", "SE", "Swedish"], // a Berlin landline typed with Sweden selected
    ["07400 123456", "US", "US"], // a UK mobile typed with the US selected
    ["06 12 34 56 78", "GB", "UK"], // a French mobile typed with the UK selected
    ["(201) 555-0123", "SE", "Swedish"], // a US number typed with Sweden selected
    ["01512 3456789", "FR", "French"], // a German mobile typed with France selected
  ])("a number valid elsewhere is rejected for the selected country: %s with %s", (typed, selected, adjective) => {
    const result = parsePhone(typed, selected);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(`Enter a valid ${adjective} phone number`);
      expect(result.message).toContain("start with + and the country code");
    }
  });

  it("names the number's own country for a bad international number", () => {
    const result = parsePhone("+33 0 12 34 56 78", "SE");
    expect(result).toMatchObject({ ok: false, code: "INVALID" });
    if (!result.ok) expect(result.message).toBe("Enter a valid French phone number, e.g. +33 6 12 34 56 78.");
  });

  it("accepts the issue's examples, in ranges max metadata calls unassigned, and for SMS too", () => {
    for (const requireMobile of [false, true]) {
      expect(expectOk(parsePhone("0712345678", "SE", { requireMobile }))).toMatchObject({ e164: "+46712345678", country: "SE", smsCapable: true });
      expect(expectOk(parsePhone("+33712345678", "SE", { requireMobile }))).toMatchObject({ e164: "+33712345678", country: "FR", smsCapable: true });
    }
  });

  it.each([
    ["", "REQUIRED"],
    ["   ", "REQUIRED"],
    ["070 123 45 67 ext 2", "INVALID_CHARACTERS"],
    ["tel: 0701234567", "INVALID_CHARACTERS"],
    ["+999 123 456", "UNKNOWN_CALLING_CODE"],
    ["+800 1234 5678", "NOT_GEOGRAPHIC"],
    ["1", "TOO_SHORT"],
  ])("%j → %s", (typed, code) => {
    expect(parsePhone(typed, "SE")).toMatchObject({ ok: false, code });
  });

  it("asks for a country when a local number comes without one", () => {
    expect(parsePhone("070 123 45 67", undefined)).toMatchObject({ ok: false, code: "COUNTRY_REQUIRED" });
    expect(parsePhone("070 123 45 67", "XX")).toMatchObject({ ok: false, code: "COUNTRY_REQUIRED" });
    expect(parsePhone("+46 70 123 45 67", undefined).ok).toBe(true);
  });
});

describe("parsePhone: SMS needs a mobile", () => {
  it.each([
    ["08-123 456 78", "SE", "a landline number"],
    ["030 12345678", "DE", "a landline number"],
    ["01 23 45 67 89", "FR", "a landline number"],
    ["020 7946 0958", "GB", "a landline number"],
    ["(800) 555-0199", "US", "a toll-free number"],
    ["0900 123 4567", "SE", "a premium-rate number"],
  ])("%s (%s) is refused for SMS as %s", (typed, selected, what) => {
    expect(parsePhone(typed, selected).ok).toBe(true);
    const result = parsePhone(typed, selected, { requireMobile: true });
    expect(result).toMatchObject({ ok: false, code: "NOT_MOBILE" });
    if (!result.ok) expect(result.message).toBe(`This is ${what}, which can't receive text messages. Enter a mobile number or choose another way to send.`);
  });

  it("catches a French mobile typed locally with Sweden selected, which reads as a Swedish landline", () => {
    expect(expectOk(parsePhone("06 12 34 56 78", "SE"))).toMatchObject({ e164: "+46612345678", type: "FIXED_LINE" });
    expect(parsePhone("06 12 34 56 78", "SE", { requireMobile: true })).toMatchObject({ ok: false, code: "NOT_MOBILE" });
  });

  it("accepts numbers that may be mobile (US numbers do not tell)", () => {
    expect(expectOk(parsePhone("(201) 555-0123", "US", { requireMobile: true })).type).toBe("FIXED_LINE_OR_MOBILE");
    expect(expectOk(parsePhone("070-123 45 67", "SE", { requireMobile: true })).type).toBe("MOBILE");
  });
});

describe("phoneSchema", () => {
  it("transforms { phone, phoneCountry } into the parsed number", () => {
    expect(phoneSchema.parse({ phone: "+33 6 12 34 56 78", phoneCountry: "SE" })).toMatchObject({ e164: "+33612345678", country: "FR" });
  });

  it("puts the error on phone, or on phoneCountry when the country is what's missing", () => {
    const bad = phoneSchema.safeParse({ phone: "070 123", phoneCountry: "SE" });
    expect(bad.error?.issues.map((i) => i.path)).toEqual([["phone"]]);
    const noCountry = phoneSchema.safeParse({ phone: "070 123 45 67", phoneCountry: "" });
    expect(noCountry.error?.issues.map((i) => i.path)).toEqual([["phoneCountry"]]);
  });

  it("mobilePhoneSchema refuses a landline", () => {
    const result = mobilePhoneSchema.safeParse({ phone: "08-123 456 78", phoneCountry: "SE" });
    expect(result.error?.issues[0]?.message).toMatch(/landline/);
  });
});

describe("phoneCountryOptions", () => {
  it("lists every supported country with a localised name and calling code, sorted by name", () => {
    const english = phoneCountryOptions("en");
    expect(english).toHaveLength(getCountries().length);
    expect(english).toContainEqual({ code: "SE", name: "Sweden", callingCode: "+46" });
    expect(english).toContainEqual({ code: "US", name: "United States", callingCode: "+1" });
    const collator = new Intl.Collator("en");
    for (let i = 1; i < english.length; i++) {
      expect(collator.compare(english[i - 1]!.name, english[i]!.name)).toBeLessThanOrEqual(0);
    }
    expect(phoneCountryOptions("sv-SE")).toContainEqual({ code: "SE", name: "Sverige", callingCode: "+46" });
  });

  it("gives an example for the message of each main market", () => {
    expect(phoneExample("SE")).toBe("070-123 45 67");
    expect(phoneExample("DE", "international")).toBe("+49 1512 3456789");
  });
});

describe("property: example numbers of every country", () => {
  const withExamples = getCountries().filter((country) => getExampleNumber(country, mobileExamples) !== undefined);

  it("covers most countries", () => {
    expect(withExamples.length).toBeGreaterThan(200);
  });

  it("parse in their own country and in international form from any selected country, and E.164 re-parses to the same number", () => {
    fc.assert(
      fc.property(fc.constantFrom(...withExamples), fc.constantFrom(...getCountries()), (country, selected) => {
        const example = getExampleNumber(country, mobileExamples)!;
        const local = expectOk(parsePhone(example.formatNational(), country));
        const international = expectOk(parsePhone(example.formatInternational(), selected));
        const again = expectOk(parsePhone(international.e164, selected));
        expect(local.e164).toBe(example.number);
        expect(international).toEqual(local);
        expect(again).toEqual(local);
        // Shared ranges resolve to the owning region (a CX mobile is AU's), always under the same calling code.
        expect(getCountryCallingCode(local.country)).toBe(example.countryCallingCode);
      }),
      { numRuns: 1000 },
    );
  });
});

/** Separators an agent may type between digit groups. */
const separator = fc.constantFrom("", " ", "-", ".", " ");

/** Digits split into random groups joined by random separators, as agents type them. */
function typed(digits: string) {
  return fc.array(separator, { minLength: digits.length, maxLength: digits.length }).map((seps) => [...digits].map((d, i) => (i === 0 ? d : `${seps[i]}${d}`)).join(""));
}

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((ds) => ds.join(""));

describe("property: main markets (SE, DE, FR, GB, US)", () => {
  // [country, national prefix + leading digits of a mobile range, how many free digits follow]
  const MOBILE_RANGES: [string, string, number][] = [
    ["SE", "07", 8], // 0712345678 is the provider's own example
    ["DE", "0151", 8],
    ["FR", "06", 8],
    ["FR", "07", 8],
    ["GB", "07400", 6],
    ["US", "2012", 6],
  ];

  it("any number in a mobile range parses, however it is grouped, to E.164 in its own country", () => {
    fc.assert(
      fc.property(fc.constantFrom(...MOBILE_RANGES).chain(([country, prefix, free]) => digits(free).chain((rest) => typed(prefix + rest).map((text) => [country, prefix + rest, text] as const))), ([country, national, text]) => {
        const value = expectOk(parsePhone(text, country));
        expect(value.country).toBe(country);
        // SMS is refused exactly when max metadata knows the number as a type that can't take one (077 in SE is shared-cost).
        expect(parsePhone(text, country, { requireMobile: true }).ok).toBe(value.smsCapable);
        expect(value.e164).toBe(`+${getCountryCallingCode(country as "SE")}${national.replace(/^0/, "")}`);
        expect(expectOk(parsePhone(value.international, "SE"))).toEqual(value);
      }),
      { numRuns: 500 },
    );
  });

  it("a digit too many or too few is refused for the fixed-length plans (SE mobiles, FR, GB mobiles, US)", () => {
    const fixed = MOBILE_RANGES.filter(([country]) => country !== "DE");
    fc.assert(
      fc.property(fc.constantFrom(...fixed), fc.boolean(), fc.integer({ min: 0, max: 9 }), ([country, prefix, free], longer, extra) => {
        const rest = "1234567890".slice(0, free);
        const national = longer ? `${prefix}${rest}${extra}` : `${prefix}${rest}`.slice(0, -1);
        const result = parsePhone(national, country);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("letters and other symbols are refused whatever the country", () => {
    fc.assert(
      fc.property(fc.constantFrom("SE", "DE", "FR", "GB", "US"), fc.string({ minLength: 1 }).filter((text) => /[^\d\s().\-/+]/.test(text)), (country, text) => {
        const result = parsePhone(`070${text}1234567`, country);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ["0712345678", "SE"],
    ["+33712345678", "SE"],
    ["01512 3456789", "DE"],
    ["+49 30 12345678", "FR"],
    ["07 12 34 56 78", "FR"],
    ["07911 123456", "GB"],
    ["+44 20 7946 0958", "US"],
    ["(415) 555-2671", "US"],
  ])("valid: %s with %s", (text, country) => {
    expect(parsePhone(text, country).ok).toBe(true);
  });

  it.each([
    ["071234567", "SE"],
    ["+46 71234567890", "SE"],
    ["015", "DE"],
    ["+49 1", "SE"],
    ["00 12 34 56 78", "FR"],
    ["+33 0 12 34 56 78", "GB"],
    ["06 12 34 56 78", "GB"],
    ["07911 12345", "GB"],
    ["(101) 555-0123", "US"],
    ["(201) 055-0123", "US"],
  ])("invalid: %s with %s", (text, country) => {
    expect(parsePhone(text, country).ok).toBe(false);
  });
});
