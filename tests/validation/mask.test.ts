import { describe, expect, it } from "vitest";
import { getCountries, getExampleNumber, parsePhoneNumberFromString } from "libphonenumber-js/max";
import examples from "libphonenumber-js/mobile/examples";
import { maskEmail, maskPhone } from "@/lib/domain/mask";

/** The country code and national number as a full parse of the number reads them. */
function parsedParts(e164: string) {
  const parsed = parsePhoneNumberFromString(e164)!;
  return { code: parsed.countryCallingCode, national: parsed.nationalNumber };
}

describe("maskPhone", () => {
  it("shows the country code, the first two and last two digits of a Swedish mobile", () => {
    expect(maskPhone("+46701234567")).toBe("+46 70 ••• •• 67");
  });

  it("splits every country's example mobile number where a full parse does", () => {
    const numbers = getCountries().flatMap((country) => getExampleNumber(country, examples)?.number ?? []);
    expect(numbers.length).toBeGreaterThan(200);
    for (const e164 of numbers) {
      const { code, national } = parsedParts(e164);
      const masked = maskPhone(e164)!;
      if (national.length <= 4) {
        expect(masked, e164).toBe(`+${code} ${"•".repeat(national.length)}`);
        continue;
      }
      expect(masked.startsWith(`+${code} ${national.slice(0, 2)} `), e164).toBe(true);
      expect(masked.endsWith(` ${national.slice(-2)}`), e164).toBe(true);
      expect(masked.replace(/\D/g, "").length, e164).toBe(code.length + 4);
    }
  });

  it("masks a non-geographic number and a malformed one without showing them whole", () => {
    expect(maskPhone("+80012345678")).toBe("+800 12 ••• • 78");
    expect(maskPhone("12")).toBe("••");
    expect(maskPhone(null)).toBeNull();
  });
});

describe("maskEmail", () => {
  it("keeps the first character and the domain", () => {
    expect(maskEmail("anna.s@example.com")).toBe("a•••@example.com");
  });
});
