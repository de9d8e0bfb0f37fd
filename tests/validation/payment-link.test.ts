import { zodResolver } from "@hookform/resolvers/zod";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { basisPointsToPercentString, formatMinorAsNumber, minorToMajorString } from "@/lib/domain/money";
import { priceOrder } from "@/lib/domain/order-lines";
import { CHANNELS, CHANNEL_VALUES, channelMeta } from "@/lib/domain/channels";
import {
  fieldErrorsFromZod,
  loadPhoneNumberTypes,
  paymentLinkFormSchema,
  previewOrderTotals,
  resendFormSchema,
  resendSchema,
  type PaymentLinkFormInput,
} from "@/lib/validation";

// Server actions load the number types before parsing; so do these tests.
beforeAll(loadPhoneNumberTypes);

const KEY = "0b8f6a3e-2c4d-4e5f-8a9b-1c2d3e4f5a6b";
const schema = paymentLinkFormSchema({ currency: "SEK", locale: "sv-SE" });

function form(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: KEY,
    lines: [{ name: "Running shoe", quantity: "2", unitPrice: "1 299,50", taxRatePercent: "25" }],
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

/** `{ "lines.0.unitPrice": "message" }` of a failed parse, or {} when it passed; Intl's no-break spaces made plain. */
function errorsOf(result: ReturnType<typeof schema.safeParse> | ReturnType<typeof resendSchema.safeParse>) {
  if (result.success) return {};
  const errors = fieldErrorsFromZod(result.error);
  return Object.fromEntries(Object.entries(errors).map(([path, message]) => [path, message.replace(/[\u00a0\u202f]/g, " ")]));
}

describe("CHANNELS", () => {
  it("describes each channel with what it needs and the provider's method", () => {
    expect(CHANNELS.map((c) => [c.value, c.label, c.needs, c.providerMethod])).toEqual([
      ["sms", "SMS", "phone", "sms"],
      ["email", "Email", "email", "email"],
      ["qr", "QR code", null, null],
      ["link", "Copy link", null, null],
      ["token", "Customer QR token", "accessId", "token"],
    ]);
    expect(channelMeta("token").providerMethod).toBe("token");
    expect(CHANNEL_VALUES).toEqual(CHANNELS.map((c) => c.value));
  });
});

describe("paymentLinkFormSchema: output", () => {
  it("turns the typed form into minor units, basis points and an E.164 phone", () => {
    const result = schema.parse(
      form({
        lines: [
          { name: "  Running shoe ", quantity: "2", unitPrice: "1 299,50", taxRatePercent: "25" },
          { name: "Socks", quantity: 3, unitPrice: "49.9", taxRatePercent: "12,5" },
        ],
        merchantReference: "  PO-1234 ",
        customerName: " Anna Svensson ",
        channel: "sms",
        phone: "070-123 45 67",
        email: "Anna@Example.COM",
      }),
    );
    expect(result).toEqual({
      idempotencyKey: KEY,
      lines: [
        { name: "Running shoe", quantity: 2, unitPrice: 129950, taxRate: 2500 },
        { name: "Socks", quantity: 3, unitPrice: 4990, taxRate: 1250 },
      ],
      merchantReference: "PO-1234",
      customer: { name: "Anna Svensson", email: "Anna@example.com", phoneE164: "+46701234567", phoneCountry: "SE" },
      channel: "sms",
    });
    expect(priceOrder(result.lines).orderAmount).toBe(2 * 129950 + 3 * 4990);
  });

  it("leaves out blank optional fields (the service generates the merchant reference)", () => {
    const result = schema.parse(form({ merchantReference: "   ", customerName: "" }));
    expect(result).toEqual({
      idempotencyKey: KEY,
      lines: [{ name: "Running shoe", quantity: 2, unitPrice: 129950, taxRate: 2500 }],
      customer: {},
      channel: "link",
    });
  });

  it("sends the phone's own country: +33 typed with SE selected is FR", () => {
    const result = schema.parse(form({ channel: "sms", phone: "+33 6 12 34 56 78", phoneCountry: "SE" }));
    expect(result.customer).toEqual({ phoneE164: "+33612345678", phoneCountry: "FR" });
  });

  it("drops keys a client has no say over, at the top and inside lines", () => {
    const result = schema.parse(
      form({
        storeId: "another-store",
        status: "COMPLETED",
        amount: 1,
        orderAmount: 1,
        orderTaxAmount: 0,
        customer: { email: "attacker@example.com" },
        lines: [
          { name: "Shoe", quantity: "1", unitPrice: "100", taxRatePercent: "25", discount: 9999, totalAmount: 1, taxRate: 0, unitPriceMinor: 1 },
        ],
      }),
    );
    expect(Object.keys(result).sort()).toEqual(["channel", "customer", "idempotencyKey", "lines"]);
    expect(result.customer).toEqual({});
    expect(result.lines).toEqual([{ name: "Shoe", quantity: 1, unitPrice: 10000, taxRate: 2500 }]);
    expect(priceOrder(result.lines).orderAmount).toBe(10000);
  });

  it.each([undefined, null, "sms", 42, []])("fails cleanly on a body that is not an object: %j", (body) => {
    const result = schema.safeParse(body);
    expect(result.success).toBe(false);
    expect(resendSchema.safeParse(body).success).toBe(false);
  });
});

describe("paymentLinkFormSchema: channel rules", () => {
  it.each([
    ["sms", { phone: "" }, "phone", "Enter the customer's mobile number to send by SMS."],
    ["sms", { phone: "   " }, "phone", "Enter the customer's mobile number to send by SMS."],
    ["email", { email: "" }, "email", "Enter the customer's email address to send by email."],
    ["token", { accessId: "" }, "accessId", "Enter the QR token from the customer's Klarna app."],
    ["token", { accessId: " \t " }, "accessId", "Enter the QR token from the customer's Klarna app."],
    ["token", { accessId: "x".repeat(256) }, "accessId", "The QR token can be at most 255 characters."],
  ])("%s with %j → error on %s", (channel, fields, path, message) => {
    expect(errorsOf(schema.safeParse(form({ channel, ...fields })))).toEqual({ [path]: message });
  });

  it("refuses a landline for SMS with a plain message on phone", () => {
    expect(errorsOf(schema.safeParse(form({ channel: "sms", phone: "08-123 456 78" })))).toEqual({
      phone: "This is a landline number, which can't receive text messages. Enter a mobile number or choose another way to send.",
    });
  });

  it("accepts the same landline as the optional phone of an email link", () => {
    const result = schema.parse(form({ channel: "email", email: "anna@example.com", phone: "08-123 456 78" }));
    expect(result.customer).toEqual({ email: "anna@example.com", phoneE164: "+46812345678", phoneCountry: "SE" });
  });

  it.each(["qr", "link"])("%s needs no contact at all", (channel) => {
    expect(schema.safeParse(form({ channel, phone: "", email: "", accessId: "" })).success).toBe(true);
    expect(schema.safeParse(form({ channel, phone: undefined, email: undefined, accessId: undefined, phoneCountry: undefined })).success).toBe(true);
  });

  it.each([
    ["email", { email: "anna@example.com", phone: "070 123" }, "phone"],
    ["qr", { phone: "070 123" }, "phone"],
    ["sms", { phone: "070-123 45 67", email: "anna@" }, "email"],
    ["link", { email: "anna@example" }, "email"],
    ["token", { accessId: "abc", email: "not-an-email" }, "email"],
  ])("%s: an optional contact that was filled in must still be valid (%j)", (channel, fields, path) => {
    expect(Object.keys(errorsOf(schema.safeParse(form({ channel, ...fields })))).sort()).toEqual([path]);
  });

  it("passes the access id on as typed inside, dropping only surrounding whitespace", () => {
    const result = schema.parse(form({ channel: "token", accessId: "  klarna:09f4a78d d096\tX  " }));
    expect(result.accessId).toBe("klarna:09f4a78d d096\tX");
    expect(schema.parse(form({ channel: "token", accessId: "x".repeat(255) })).accessId).toHaveLength(255);
  });

  it("keeps the access id only for the token channel", () => {
    expect(schema.parse(form({ channel: "link", accessId: "leftover" }))).not.toHaveProperty("accessId");
  });

  it("rejects an unknown channel and one the store may not use", () => {
    expect(errorsOf(schema.safeParse(form({ channel: "fax" })))).toEqual({ channel: "Choose how to send the link." });
    const noSms = paymentLinkFormSchema({ currency: "SEK", allowedChannels: ["email", "qr", "link"] });
    expect(errorsOf(noSms.safeParse(form({ channel: "sms", phone: "070-123 45 67" })))).toEqual({
      channel: "SMS isn't available for this store.",
    });
  });

  it("shows contact errors while an order line is still invalid (inline validation as you type)", () => {
    const errors = errorsOf(
      schema.safeParse(form({ channel: "sms", phone: "070 12", lines: [{ name: "", quantity: "x", unitPrice: "1.999", taxRatePercent: "25" }] })),
    );
    expect(Object.keys(errors).sort()).toEqual(["lines.0.name", "lines.0.quantity", "lines.0.unitPrice", "phone"]);
  });
});

describe("paymentLinkFormSchema: field paths and messages", () => {
  const line = { name: "Shoe", quantity: "1", unitPrice: "100", taxRatePercent: "25" };

  it.each([
    [{ unitPrice: "19.999" }, "lines.0.unitPrice", "Use at most 2 decimals for SEK."],
    [{ unitPrice: "" }, "lines.0.unitPrice", "Enter a unit price."],
    [{ unitPrice: "-1" }, "lines.0.unitPrice", "The unit price can't be negative."],
    [{ unitPrice: "abc" }, "lines.0.unitPrice", "Enter an amount like 199.50."],
    [{ unitPrice: "1000000,01" }, "lines.0.unitPrice", "The unit price can be at most 1 000 000,00 kr."],
    [{ quantity: "0" }, "lines.0.quantity", "Quantity must be between 1 and 1000."],
    [{ quantity: 1001 }, "lines.0.quantity", "Quantity must be between 1 and 1000."],
    [{ quantity: "1.5" }, "lines.0.quantity", "Enter a whole number of items, e.g. 2."],
    [{ quantity: 1.5 }, "lines.0.quantity", "Enter a whole number of items, e.g. 2."],
    [{ quantity: "" }, "lines.0.quantity", "Enter a quantity."],
    [{ quantity: "1000", unitPrice: "100000,01" }, "lines.0.quantity", "The line total can be at most 1 000 000,00 kr."],
    [{ taxRatePercent: "101" }, "lines.0.taxRatePercent", "The tax rate must be between 0 and 100 %."],
    [{ taxRatePercent: "" }, "lines.0.taxRatePercent", "Enter a tax rate."],
    [{ taxRatePercent: "12.345" }, "lines.0.taxRatePercent", "Use at most 2 decimals for a percentage."],
    [{ name: "   " }, "lines.0.name", "Enter the item name."],
    [{ name: "x".repeat(256) }, "lines.0.name", "The item name can be at most 255 characters."],
  ])("line %j → %s", (override, path, message) => {
    const messages = errorsOf(schema.safeParse(form({ lines: [{ ...line, ...override }] })));
    expect(messages).toEqual({ [path]: message });
  });

  it("points at the right line", () => {
    const errors = errorsOf(schema.safeParse(form({ lines: [line, line, { ...line, unitPrice: "1,234" }] })));
    expect(errors).toEqual({ "lines.2.unitPrice": "Use at most 2 decimals for SEK." });
  });

  it("accepts the limits themselves", () => {
    const result = schema.parse(form({ lines: [{ name: "x".repeat(255), quantity: "1000", unitPrice: "1000", taxRatePercent: "100" }] }));
    expect(result.lines[0]).toEqual({ name: "x".repeat(255), quantity: 1000, unitPrice: 100000, taxRate: 10000 });
    expect(schema.safeParse(form({ lines: Array.from({ length: 100 }, () => line) })).success).toBe(true);
  });

  it.each([
    [[], "lines", "Add at least one order line."],
    [Array.from({ length: 101 }, () => ({ name: "Shoe", quantity: "1", unitPrice: "1", taxRatePercent: "25" })), "lines", "An order can have at most 100 lines."],
    [[{ name: "Gift", quantity: "1", unitPrice: "0", taxRatePercent: "0" }], "lines", "The order total must be more than 0."],
  ])("order-level rule on %s", (lines, path, message) => {
    expect(errorsOf(schema.safeParse(form({ lines })))).toEqual({ [path]: message });
  });

  it("uses the store currency's decimals", () => {
    const yen = paymentLinkFormSchema({ currency: "JPY" });
    expect(yen.parse(form({ lines: [{ ...line, unitPrice: "1,990" }] })).lines[0]?.unitPrice).toBe(1990);
    expect(errorsOf(yen.safeParse(form({ lines: [{ ...line, unitPrice: "19.90" }] })))).toEqual({
      "lines.0.unitPrice": "JPY amounts can't have decimals.",
    });
  });

  it.each([
    [{ idempotencyKey: "not-a-uuid" }, "idempotencyKey"],
    [{ idempotencyKey: undefined }, "idempotencyKey"],
    [{ merchantReference: "r".repeat(256) }, "merchantReference"],
    [{ customerName: "n".repeat(201) }, "customerName"],
  ])("%j → error on %s", (override, path) => {
    expect(Object.keys(errorsOf(schema.safeParse(form(override))))).toEqual([path]);
  });
});

describe("zodResolver (the client side of the same schema)", () => {
  it("maps errors to react-hook-form field names and returns parsed values on success", async () => {
    const resolver = zodResolver(schema);
    const options = { fields: {}, shouldUseNativeValidation: false } as const;

    const bad = await resolver(
      form({ channel: "email", email: "", lines: [{ name: "Shoe", quantity: "1", unitPrice: "1.999", taxRatePercent: "25" }] }) as PaymentLinkFormInput,
      undefined,
      options,
    );
    expect(bad.errors).toMatchObject({
      email: { message: "Enter the customer's email address to send by email." },
      lines: [{ unitPrice: { message: "Use at most 2 decimals for SEK." } }],
    });

    const good = await resolver(form({ channel: "qr" }) as PaymentLinkFormInput, undefined, options);
    expect(good.errors).toEqual({});
    expect(good.values).toMatchObject({ lines: [{ unitPrice: 129950, taxRate: 2500 }], channel: "qr" });
  });
});

describe("resendSchema", () => {
  const resend = (fields: Record<string, unknown>) => ({ idempotencyKey: KEY, phoneCountry: "SE", ...fields });

  it("applies the same channel rules as the create form", () => {
    expect(errorsOf(resendSchema.safeParse(resend({ channel: "sms", phone: "" })))).toEqual({
      phone: "Enter the customer's mobile number to send by SMS.",
    });
    expect(errorsOf(resendSchema.safeParse(resend({ channel: "sms", phone: "08-123 456 78" })))).toHaveProperty("phone");
    expect(errorsOf(resendSchema.safeParse(resend({ channel: "email", email: "anna@gmail" })))).toHaveProperty("email");
    expect(errorsOf(resendSchema.safeParse(resend({ channel: "token", accessId: "  " })))).toHaveProperty("accessId");
  });

  it("outputs the contact for the provider and drops unknown keys", () => {
    expect(resendSchema.parse(resend({ channel: "sms", phone: "+33 6 12 34 56 78", sessionId: "other", storeId: "x" }))).toEqual({
      idempotencyKey: KEY,
      channel: "sms",
      customer: { phoneE164: "+33612345678", phoneCountry: "FR" },
    });
    expect(resendSchema.parse(resend({ channel: "token", accessId: " 278352 " }))).toEqual({
      idempotencyKey: KEY,
      channel: "token",
      customer: {},
      accessId: "278352",
    });
  });

  it("can be limited to the store's channels", () => {
    const emailOnly = resendFormSchema({ allowedChannels: ["email"] });
    expect(errorsOf(emailOnly.safeParse(resend({ channel: "sms", phone: "070-123 45 67" })))).toHaveProperty("channel");
  });
});

describe("previewOrderTotals", () => {
  it("totals the lines that already parse and lists the others", () => {
    const preview = previewOrderTotals(
      [
        { name: "Shoe", quantity: "2", unitPrice: "100", taxRatePercent: "25" },
        { name: "Half-typed", quantity: "", unitPrice: "5", taxRatePercent: "25" },
        { name: "Socks", quantity: "1", unitPrice: "50", taxRatePercent: "12" },
      ],
      { currency: "SEK" },
    );
    expect(preview).toEqual({ orderAmount: 25000, orderTaxAmount: 4000 + 536, incompleteLines: [1] });
  });
});

describe("property: parsed form lines priced by priceOrder", () => {
  const locales = ["en-US", "sv-SE", "de-DE", "fr-FR"] as const;
  const lineArb = fc
    .record({
      name: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ""),
      quantity: fc.integer({ min: 1, max: 1000 }),
      unitPrice: fc.integer({ min: 0, max: 100_000_000 }),
      taxRate: fc.integer({ min: 0, max: 10_000 }),
      quantityAsNumber: fc.boolean(),
    })
    .filter((l) => l.quantity * l.unitPrice <= 100_000_000);

  it("orderAmount is the sum of the lines and each tax is within ±1 of the Checkout rule", () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 100 }),
        fc.constantFrom("SEK", "EUR", "JPY"),
        fc.constantFrom(...locales),
        (lines, currency, locale) => {
          fc.pre(lines.some((l) => l.quantity * l.unitPrice > 0));
          const typed = lines.map((l, i) => ({
            name: l.name,
            quantity: l.quantityAsNumber ? l.quantity : String(l.quantity),
            unitPrice: i % 2 === 0 ? minorToMajorString(l.unitPrice, currency) : formatMinorAsNumber(l.unitPrice, currency, locale),
            taxRatePercent: basisPointsToPercentString(l.taxRate),
          }));
          const parsed = paymentLinkFormSchema({ currency }).parse(form({ lines: typed }));
          expect(parsed.lines.map((l) => [l.quantity, l.unitPrice, l.taxRate])).toEqual(lines.map((l) => [l.quantity, l.unitPrice, l.taxRate]));

          const totals = priceOrder(parsed.lines);
          expect(totals.orderAmount).toBe(lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0));
          for (const priced of totals.lines) {
            // |tax − (total − total·10000/(10000+rate))| ≤ 1, multiplied out to stay in integers.
            const scale = 10_000 + priced.taxRate;
            expect(Math.abs(priced.totalTaxAmount * scale - priced.totalAmount * priced.taxRate)).toBeLessThanOrEqual(scale);
          }
          expect(totals.orderTaxAmount).toBe(totals.lines.reduce((sum, l) => sum + l.totalTaxAmount, 0));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("paymentLinkFormSchema: Amount only", () => {
  const schema = paymentLinkFormSchema({ currency: "SEK", locale: "sv-SE", standardTaxRate: 2500 });
  const amountOnly = (overrides: Record<string, unknown> = {}) => ({
    idempotencyKey: "6f1c1c2e-9a7b-4d1e-8f0a-2b3c4d5e6f70",
    entry: "amount",
    amount: "450",
    lines: [{ name: "", quantity: "1", unitPrice: "", taxRatePercent: "99" }],
    channel: "qr",
    ...overrides,
  });

  it("builds one order line at the store's standard tax rate, whatever lines the browser still holds", () => {
    const parsed = schema.parse(amountOnly({ description: " Phone order " }));
    expect(parsed.lines).toEqual([{ name: "Phone order", quantity: 1, unitPrice: 45_000, taxRate: 2500 }]);
  });

  it("names the line Payment without a description", () => {
    expect(schema.parse(amountOnly()).lines).toEqual([{ name: "Payment", quantity: 1, unitPrice: 45_000, taxRate: 2500 }]);
  });

  it.each([
    ["", "Enter the amount."],
    ["0", "The amount must be more than 0."],
    ["-5", "The amount can't be negative."],
  ])("puts a problem with the amount %j under the Amount field", (amount, message) => {
    const result = schema.safeParse(amountOnly({ amount }));
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([["amount", message]]);
  });

  it("is refused where the caller gave no store tax rate", () => {
    const result = paymentLinkFormSchema({ currency: "SEK" }).safeParse(amountOnly());
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(["entry"]);
  });
});
