import { describe, expect, it } from "vitest";
import { fieldErrorsFromZod, isPlainText, paymentLinkFormSchema } from "@/lib/validation";

const schema = paymentLinkFormSchema({ currency: "SEK", locale: "en" });

function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: "0b8f6a3e-2c4d-4e5f-8a9b-1c2d3e4f5a6b",
    lines: [{ name: "Running shoe", quantity: "1", unitPrice: "100", taxRatePercent: "25" }],
    merchantReference: "",
    customerName: "",
    phone: "",
    phoneCountry: "SE",
    email: "",
    accessId: "",
    channel: "link",
    ...overrides,
  };
}

const errorsOf = (input: Record<string, unknown>) => {
  const result = schema.safeParse(input);
  if (result.success) return {};
  // Intl's no-break spaces made plain.
  return Object.fromEntries(Object.entries(fieldErrorsFromZod(result.error)).map(([path, message]) => [path, message.replace(/[\u00a0\u202f]/g, " ")]));
};

describe("names and references are shown exactly as typed", () => {
  const spoofed = "B2-U\u200B\u202Enigiro";

  it("refuses text-direction overrides and zero-width characters in the reference, the customer's name and item names", () => {
    expect(errorsOf(form({ merchantReference: spoofed }))).toEqual({
      merchantReference: "The merchant reference can't contain invisible or text-direction characters. Retype it.",
    });
    expect(errorsOf(form({ customerName: "Anna\u2066 Svensson" }))).toEqual({
      customerName: "The customer name can't contain invisible or text-direction characters. Retype it.",
    });
    const line = { name: "La\uFEFFmp", quantity: "1", unitPrice: "100", taxRatePercent: "25" };
    expect(errorsOf(form({ lines: [line] }))).toEqual({
      "lines.0.name": "The item name can't contain invisible or text-direction characters. Retype it.",
    });
  });

  it("every bidi control and invisible character is refused; joiners that scripts and emoji need are kept", () => {
    for (const char of ["\u061C", "\u200B", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2060", "\u2066", "\u2067", "\u2068", "\u2069", "\uFEFF"]) {
      expect(isPlainText(`a${char}b`), char.codePointAt(0)!.toString(16)).toBe(false);
    }
    expect(isPlainText("می\u200Cخواهم")).toBe(true);
    expect(isPlainText("👩\u200D💻 Åsa Öberg")).toBe(true);
    expect(schema.safeParse(form({ customerName: "Åsa Öberg-Żółć" })).success).toBe(true);
  });
});

describe("the order total stays within what the provider and the database accept", () => {
  const line = (unitPrice: string, quantity = "1000") => ({ name: "Gold bar", quantity, unitPrice, taxRatePercent: "25" });

  it("an order over 10,000,000.00 is refused on the order lines, not an internal error", () => {
    // 11 lines of 1,000 × 1,000.00 = 11,000,000.00 SEK: each line is allowed, the total is not.
    const lines = Array.from({ length: 11 }, () => line("1000"));
    expect(errorsOf(form({ lines }))).toEqual({ lines: "The order total can be at most SEK 10,000,000.00." });
  });

  it("exactly the cap is accepted", () => {
    const lines = Array.from({ length: 10 }, () => line("1000"));
    const parsed = schema.safeParse(form({ lines }));
    expect(parsed.success).toBe(true);
  });
});
