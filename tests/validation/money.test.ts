import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  basisPointsToPercentString,
  currencyMinorDigits,
  formatMinor,
  formatMinorAsNumber,
  MoneyParseError,
  minorToMajorString,
  parseMajorToMinor,
  percentToBasisPoints,
  safeParseMajorToMinor,
  safePercentToBasisPoints,
} from "@/lib/domain/money";

/** Intl separates groups and currency with no-break spaces; compare with plain ones. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("currencyMinorDigits", () => {
  it.each([
    ["SEK", 2],
    ["EUR", 2],
    ["NOK", 2],
    ["USD", 2],
    ["JPY", 0],
    ["KWD", 3],
    ["sek", 2],
  ])("%s has %i", (currency, digits) => {
    expect(currencyMinorDigits(currency)).toBe(digits);
  });

  it("refuses something that is not a currency code", () => {
    expect(() => currencyMinorDigits("kronor")).toThrow(RangeError);
  });
});

describe("parseMajorToMinor", () => {
  it.each([
    ["199.50", "SEK", 19950],
    ["199,50", "SEK", 19950],
    ["199,5", "SEK", 19950],
    ["19,99", "SEK", 1999],
    ["199", "SEK", 19900],
    ["  199.50 ", "SEK", 19950],
    ["1 234,50", "SEK", 123450],
    ["1\u00a0234,50", "SEK", 123450],
    ["1\u202f234,50", "EUR", 123450],
    ["1.234,50", "EUR", 123450],
    ["1,234.50", "USD", 123450],
    ["1'234.50", "CHF", 123450],
    ["1 234 567", "SEK", 123456700],
    ["1.234.567", "EUR", 123456700],
    ["0", "SEK", 0],
    ["0,05", "SEK", 5],
    [".5", "SEK", 50],
    ["5.", "SEK", 500],
    ["007", "SEK", 700],
    // Values that drift as floats: 0.29 * 100 = 28.999999999999996, 4.35 * 100 = 434.99999999999994
    ["0.1", "SEK", 10],
    ["0.2", "SEK", 20],
    ["0.3", "SEK", 30],
    ["0.29", "SEK", 29],
    ["4.35", "SEK", 435],
    ["1.15", "EUR", 115],
    ["1990", "JPY", 1990],
    ["1,990", "JPY", 1990],
    ["1.990", "JPY", 1990],
    ["1 234 567", "JPY", 1234567],
    ["1.234", "KWD", 1234],
    ["999999999999.99", "SEK", 99999999999999],
  ])("%j %s → %i", (input, currency, minor) => {
    expect(parseMajorToMinor(input, currency)).toBe(minor);
  });

  it("adds parsed values without float drift, unlike 0.1 + 0.2", () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(parseMajorToMinor("0.1", "SEK") + parseMajorToMinor("0.2", "SEK")).toBe(parseMajorToMinor("0.3", "SEK"));
  });

  it.each([
    ["", "SEK", "REQUIRED", "Enter an amount."],
    ["   ", "SEK", "REQUIRED", "Enter an amount."],
    ["-5", "SEK", "NEGATIVE", "The amount can't be negative."],
    ["\u22125", "SEK", "NEGATIVE", "The amount can't be negative."],
    ["199.505", "SEK", "TOO_MANY_DECIMALS", "Use at most 2 decimals for SEK."],
    ["199.500", "SEK", "TOO_MANY_DECIMALS", "Use at most 2 decimals for SEK."],
    ["1,234", "SEK", "TOO_MANY_DECIMALS", "Use at most 2 decimals for SEK."], // ambiguous: never guessed
    ["19.9", "JPY", "TOO_MANY_DECIMALS", "JPY amounts can't have decimals."],
    ["1990.0", "JPY", "TOO_MANY_DECIMALS", "JPY amounts can't have decimals."],
    ["1.2345", "KWD", "TOO_MANY_DECIMALS", "Use at most 3 decimals for KWD."],
    ["abc", "SEK", "INVALID", "Enter an amount like 199.50."],
    ["12 34", "SEK", "INVALID", "Enter an amount like 199.50."],
    ["1 23,50", "SEK", "INVALID", "Enter an amount like 199.50."],
    ["1.234 567,00", "SEK", "INVALID", "Enter an amount like 199.50."],
    ["1,234.5,6", "SEK", "INVALID", "Enter an amount like 199.50."],
    ["1e3", "SEK", "INVALID", "Enter an amount like 199.50."],
    ["+5", "SEK", "INVALID", "Enter an amount like 199.50."],
    ["199 kr", "SEK", "INVALID", "Enter an amount like 199.50."],
    [".", "SEK", "INVALID", "Enter an amount like 199.50."],
    ["1,5 0", "SEK", "INVALID", "Enter an amount like 199.50."],
    ["abc", "JPY", "INVALID", "Enter an amount like 1990."],
    ["10000000000000000", "SEK", "TOO_LARGE", "The amount is too large."],
  ])("%j %s is rejected: %s", (input, currency, code, message) => {
    expect(safeParseMajorToMinor(input, currency)).toEqual({ ok: false, code, message });
  });

  it("throws a MoneyParseError carrying the code and message", () => {
    expect(() => parseMajorToMinor("-1", "SEK")).toThrow(MoneyParseError);
    try {
      parseMajorToMinor("1.999", "EUR");
    } catch (error) {
      expect(error).toMatchObject({ code: "TOO_MANY_DECIMALS", message: "Use at most 2 decimals for EUR." });
    }
  });
});

describe("minorToMajorString / formatMinor", () => {
  it.each([
    [19950, "SEK", "199.50"],
    [5, "EUR", "0.05"],
    [0, "SEK", "0.00"],
    [-5, "EUR", "-0.05"],
    [1990, "JPY", "1990"],
    [1234, "KWD", "1.234"],
  ])("%i %s → %s", (minor, currency, major) => {
    expect(minorToMajorString(minor, currency)).toBe(major);
  });

  it("formats for the store locale", () => {
    expect(plain(formatMinor(19950, "SEK", "sv-SE"))).toBe("199,50 kr");
    expect(plain(formatMinor(123456789, "EUR", "de-DE"))).toBe("1.234.567,89 €");
    expect(formatMinor(123450, "USD", "en-US")).toBe("$1,234.50");
    expect(formatMinor(1990, "JPY", "en-US")).toBe("¥1,990");
    expect(plain(formatMinorAsNumber(123450, "SEK", "sv-SE"))).toBe("1 234,50");
  });

  it("formats the largest accepted amounts digit for digit", () => {
    expect(plain(formatMinor(999999999999999, "SEK", "en-US"))).toBe("SEK 9,999,999,999,999.99");
    expect(plain(formatMinor(-123456789012345, "EUR", "de-DE"))).toBe("-1.234.567.890.123,45 €");
  });

  it("refuses non-integer minor units", () => {
    expect(() => formatMinor(199.5, "SEK", "sv-SE")).toThrow(RangeError);
  });
});

describe("percentToBasisPoints", () => {
  it.each([
    ["25", 2500],
    ["12.5", 1250],
    ["12,5", 1250],
    ["6 %", 600],
    ["7.25%", 725],
    ["0", 0],
    ["100", 10000],
    ["0.01", 1],
  ])("%j → %i", (input, bp) => {
    expect(percentToBasisPoints(input)).toBe(bp);
  });

  it.each([
    ["", "REQUIRED"],
    ["-1", "NEGATIVE"],
    ["12.345", "TOO_MANY_DECIMALS"],
    ["100.01", "OUT_OF_RANGE"],
    ["250", "OUT_OF_RANGE"],
    ["1 000", "INVALID"],
    ["abc", "INVALID"],
  ])("%j is rejected: %s", (input, code) => {
    expect(safePercentToBasisPoints(input)).toMatchObject({ ok: false, code });
  });

  it.each([
    [2500, "25"],
    [1250, "12.5"],
    [725, "7.25"],
    [5, "0.05"],
    [0, "0"],
    [10000, "100"],
  ])("basisPointsToPercentString(%i) → %s", (bp, text) => {
    expect(basisPointsToPercentString(bp)).toBe(text);
  });
});

describe("properties", () => {
  const currencies = ["SEK", "EUR", "JPY", "KWD", "USD"] as const;
  const locales = ["sv-SE", "de-DE", "en-US", "en-GB", "fr-FR", "de-CH", "nb-NO", "fi-FI", "da-DK", "nl-NL"] as const;
  const minor = fc.integer({ min: 0, max: 999_999_999_999_999 });

  it("major-unit string → parse gives the same minor units", () => {
    fc.assert(
      fc.property(minor, fc.constantFrom(...currencies), (m, currency) => {
        expect(parseMajorToMinor(minorToMajorString(m, currency), currency)).toBe(m);
      }),
      { numRuns: 2000 },
    );
  });

  it("the amount as a store locale writes it → parse gives the same minor units", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000 }), fc.constantFrom(...currencies), fc.constantFrom(...locales), (m, currency, locale) => {
        expect(parseMajorToMinor(formatMinorAsNumber(m, currency, locale), currency)).toBe(m);
      }),
      { numRuns: 2000 },
    );
  });

  it("basis points → percent string → basis points", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => {
        expect(percentToBasisPoints(basisPointsToPercentString(bp))).toBe(bp);
      }),
    );
  });
});
