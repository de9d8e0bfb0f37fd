/**
 * The one schema for "create payment link" (/sessions/new) and "send another way", used by zodResolver on
 * the client and re-run by the server action. Browser-safe: no server-only code, node builtins or env.
 */
import { z } from "zod";
import { CHANNEL_VALUES, type Channel } from "@/lib/domain/channels";
import { safeParseMajorToMinor, safePercentToBasisPoints, formatMinor } from "@/lib/domain/money";
import { ORDER_LINE_LIMITS, priceOrder, type OrderLineInput } from "@/lib/domain/order-lines";
import { contactOutput, contactRules, contactShape, touches, type Contact } from "@/lib/validation/contact";

export { ORDER_LINE_LIMITS };
export { ACCESS_ID_MAX, type Contact } from "@/lib/validation/contact";

export const MERCHANT_REFERENCE_MAX = 255;
export const CUSTOMER_NAME_MAX = 200;

const quantitySchema = z
  .union([z.string(), z.number()], { error: "Enter a quantity." })
  .transform((value, ctx): number => {
    const text = typeof value === "number" ? String(value) : value.trim();
    const fail = (message: string) => {
      ctx.addIssue({ code: "custom", message, input: value });
      return z.NEVER;
    };
    if (text === "") return fail("Enter a quantity.");
    if (!/^\d+$/.test(text)) return fail("Enter a whole number of items, e.g. 2.");
    const quantity = Number(text);
    if (quantity < ORDER_LINE_LIMITS.quantityMin || quantity > ORDER_LINE_LIMITS.quantityMax) {
      return fail(`Quantity must be between ${ORDER_LINE_LIMITS.quantityMin} and ${ORDER_LINE_LIMITS.quantityMax}.`);
    }
    return quantity;
  });

const UNIT_PRICE_MESSAGES: Partial<Record<string, string>> = {
  REQUIRED: "Enter a unit price.",
  NEGATIVE: "The unit price can't be negative.",
};

function unitPriceSchema(currency: string, locale: string) {
  return z.string({ error: "Enter a unit price." }).transform((value, ctx): number => {
    const result = safeParseMajorToMinor(value, currency);
    if (!result.ok) {
      ctx.addIssue({ code: "custom", message: UNIT_PRICE_MESSAGES[result.code] ?? result.message, input: value });
      return z.NEVER;
    }
    if (result.value > ORDER_LINE_LIMITS.amountMax) {
      const max = formatMinor(ORDER_LINE_LIMITS.amountMax, currency, locale);
      ctx.addIssue({ code: "custom", message: `The unit price can be at most ${max}.`, input: value });
      return z.NEVER;
    }
    return result.value;
  });
}

/**
 * Text-direction overrides and invisible characters (zero-width space, word joiner, byte-order mark)
 * make text display as something else: "B2-U\u200B\u202Enigiro" shows as "B2-Uorigin". Zero-width
 * (non-)joiners stay allowed: scripts and emoji need them.
 */
const INVISIBLE_OR_BIDI = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/u;

export function isPlainText(value: string): boolean {
  return !INVISIBLE_OR_BIDI.test(value);
}

function invisibleCharactersMessage(label: string): string {
  return `${label} can't contain invisible or text-direction characters. Retype it.`;
}

const taxRateSchema = z.string({ error: "Enter a tax rate." }).transform((value, ctx): number => {
  const result = safePercentToBasisPoints(value);
  if (result.ok) return result.value;
  const message =
    result.code === "REQUIRED"
      ? "Enter a tax rate."
      : result.code === "NEGATIVE" || result.code === "OUT_OF_RANGE"
        ? "The tax rate must be between 0 and 100 %."
        : result.message;
  ctx.addIssue({ code: "custom", message, input: value });
  return z.NEVER;
});

export type MoneyContext = {
  /** ISO 4217 store currency, e.g. "SEK". */
  currency: string;
  /** Locale for amounts inside messages; defaults to "en". */
  locale?: string;
};

/** One order line as typed: unit price in major units and tax rate in percent, both strings. */
export function orderLineFormSchema({ currency, locale = "en" }: MoneyContext) {
  return z
    .object({
      name: z
        .string({ error: "Enter the item name." })
        .trim()
        .min(1, "Enter the item name.")
        .max(ORDER_LINE_LIMITS.nameMax, `The item name can be at most ${ORDER_LINE_LIMITS.nameMax} characters.`)
        .refine(isPlainText, invisibleCharactersMessage("The item name")),
      quantity: quantitySchema,
      unitPrice: unitPriceSchema(currency, locale),
      taxRatePercent: taxRateSchema,
    })
    .superRefine((line, ctx) => {
      if (line.quantity * line.unitPrice > ORDER_LINE_LIMITS.amountMax) {
        const max = formatMinor(ORDER_LINE_LIMITS.amountMax, currency, locale);
        ctx.addIssue({ code: "custom", path: ["quantity"], message: `The line total can be at most ${max}.`, input: line.quantity });
      }
    }, { when: (payload) => payload.issues.length === 0 })
    .transform(
      (line): OrderLineInput => ({
        name: line.name,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        taxRate: line.taxRatePercent,
      }),
    );
}

/** Trimmed text where blank means "not given". */
function optionalText(max: number, label: string) {
  return z
    .string()
    .optional()
    .transform((value) => {
      const trimmed = value?.trim() ?? "";
      return trimmed === "" ? undefined : trimmed;
    })
    .refine((value) => value === undefined || value.length <= max, `${label} can be at most ${max} characters.`)
    .refine((value) => value === undefined || isPlainText(value), invisibleCharactersMessage(label));
}

const idempotencyKeySchema = z.uuid({ error: "This form is out of date. Reload the page and try again." });

export type PaymentLinkFormContext = MoneyContext & {
  /** Channels this store may use; all when omitted. */
  allowedChannels?: readonly Channel[];
  /** The store's standard tax rate in basis points, for "Amount only"; without it only order lines are accepted. */
  standardTaxRate?: number;
};

export type PaymentLinkFormValues = {
  idempotencyKey: string;
  lines: OrderLineInput[];
  merchantReference?: string;
  customer: Contact & { name?: string };
  channel: Channel;
  accessId?: string;
  /** Remind the customer once if the link is still unpaid after the store's reminder delay. */
  remind?: boolean;
  /** The agent saw the duplicate-link warning and chose Create a new link anyway. */
  allowDuplicate?: boolean;
};

const ORDER_KEYS: ReadonlySet<PropertyKey> = new Set(["entry", "lines", "amount", "description"]);

/** How the agent enters the order: line by line, or one amount the server turns into a single line. */
export const ENTRY_MODES = ["lines", "amount"] as const;
export type EntryMode = (typeof ENTRY_MODES)[number];

/** The single line's name when an amount-only order has no description. */
export const AMOUNT_ONLY_LINE_NAME = "Payment";

const AMOUNT_MESSAGES: Partial<Record<string, string>> = { REQUIRED: "Enter the amount.", NEGATIVE: "The amount can't be negative." };

function amountSchema(currency: string, locale: string) {
  return z.string({ error: "Enter the amount." }).transform((value, ctx): number => {
    const result = safeParseMajorToMinor(value, currency);
    const fail = (message: string) => {
      ctx.addIssue({ code: "custom", message, input: value });
      return z.NEVER;
    };
    if (!result.ok) return fail(AMOUNT_MESSAGES[result.code] ?? result.message);
    if (result.value <= 0) return fail("The amount must be more than 0.");
    if (result.value > ORDER_LINE_LIMITS.amountMax) return fail(`The amount can be at most ${formatMinor(ORDER_LINE_LIMITS.amountMax, currency, locale)}.`);
    return result.value;
  });
}

/** The form's values as typed (what the browser holds and the action receives). */
export type PaymentLinkFormInput = {
  idempotencyKey: string;
  /** Absent means "lines" (older drafts and callers). */
  entry?: EntryMode;
  lines: { name: string; quantity: string | number; unitPrice: string; taxRatePercent: string }[];
  /** Amount only: the total in major units, as typed. */
  amount?: string;
  /** Amount only: the single line's name. */
  description?: string;
  merchantReference?: string;
  customerName?: string;
  channel: Channel;
  phone?: string;
  phoneCountry?: string;
  email?: string;
  accessId?: string;
  /** Remind the customer once if the link is still unpaid after the store's reminder delay. */
  remind?: boolean;
  /** The agent saw the duplicate-link warning and chose Create a new link anyway. */
  allowDuplicate?: boolean;
};

/**
 * The create-payment-link form. Client: `zodResolver(paymentLinkFormSchema(ctx))` (memoise it); server
 * action: `paymentLinkFormSchema(ctx).safeParse(raw)` with ctx from the store, never from the request.
 * Unknown keys (storeId, status, amount…) are dropped. "Amount only" builds one order line at the
 * store's standard tax rate (`standardTaxRate`, from the store — never from the request).
 */
export function paymentLinkFormSchema({ currency, locale = "en", allowedChannels = CHANNEL_VALUES, standardTaxRate }: PaymentLinkFormContext) {
  const linesSchema = z
    .array(orderLineFormSchema({ currency, locale }), { error: "Add at least one order line." })
    .min(ORDER_LINE_LIMITS.linesMin, "Add at least one order line.")
    .max(ORDER_LINE_LIMITS.linesMax, `An order can have at most ${ORDER_LINE_LIMITS.linesMax} lines.`);
  const amountOnly = z.object({
    amount: amountSchema(currency, locale),
    description: optionalText(ORDER_LINE_LIMITS.nameMax, "The description"),
  });
  /** The order lines of either entry mode, or the issues under the fields the agent typed in. */
  const orderOf = (form: { entry: EntryMode; lines?: unknown; amount?: unknown; description?: unknown }) => {
    if (form.entry === "lines") return linesSchema.safeParse(form.lines);
    const parsed = amountOnly.safeParse({ amount: form.amount, description: form.description });
    if (!parsed.success) return parsed;
    const line: OrderLineInput = { name: parsed.data.description ?? AMOUNT_ONLY_LINE_NAME, quantity: 1, unitPrice: parsed.data.amount, taxRate: standardTaxRate ?? 0 };
    return { success: true as const, data: [line] };
  };
  return z
    .object({
      idempotencyKey: idempotencyKeySchema,
      // Amount only needs the store's tax rate; a caller that gives none offers lines only.
      entry: z.enum(standardTaxRate === undefined ? (["lines"] as const) : ENTRY_MODES).default("lines"),
      lines: z.unknown(),
      amount: z.unknown().optional(),
      description: z.unknown().optional(),
      merchantReference: optionalText(MERCHANT_REFERENCE_MAX, "The merchant reference"),
      customerName: optionalText(CUSTOMER_NAME_MAX, "The customer name"),
      remind: z.boolean().optional(),
      allowDuplicate: z.boolean().optional(),
      ...contactShape(allowedChannels),
    })
    .check(contactRules)
    // Checked while a contact field is still wrong too, so the agent sees every problem at once.
    .superRefine(
      (form, ctx) => {
        const order = orderOf(form);
        const prefix = form.entry === "lines" ? ["lines"] : [];
        const total = order.success ? priceOrder(order.data).orderAmount : 0;
        if (!order.success) {
          for (const issue of order.error.issues) ctx.addIssue({ code: "custom", path: [...prefix, ...issue.path], message: issue.message, input: issue.input });
        } else if (total <= 0) {
          ctx.addIssue({ code: "custom", path: ["lines"], message: "The order total must be more than 0.", input: form.lines });
        } else if (total > ORDER_LINE_LIMITS.orderTotalMax) {
          const max = formatMinor(ORDER_LINE_LIMITS.orderTotalMax, currency, locale);
          ctx.addIssue({ code: "custom", path: ["lines"], message: `The order total can be at most ${max}.`, input: form.lines });
        }
      },
      { when: (payload) => !payload.issues.some((issue) => touches(issue, ORDER_KEYS)) },
    )
    .transform((form, ctx): PaymentLinkFormValues => {
      const order = orderOf(form);
      // Unreachable: the refinement above refused the form already.
      if (!order.success) {
        ctx.addIssue({ code: "custom", path: ["lines"], message: "Add at least one order line.", input: form.lines });
        return z.NEVER;
      }
      const { contact, accessId } = contactOutput(form);
      return {
        idempotencyKey: form.idempotencyKey,
        lines: order.data,
        ...(form.merchantReference === undefined ? {} : { merchantReference: form.merchantReference }),
        customer: { ...(form.customerName === undefined ? {} : { name: form.customerName }), ...contact },
        channel: form.channel,
        ...(accessId === undefined ? {} : { accessId }),
        ...(form.remind ? { remind: true } : {}),
        ...(form.allowDuplicate ? { allowDuplicate: true } : {}),
      };
    });
}

export type PaymentLinkFormSchema = ReturnType<typeof paymentLinkFormSchema>;

export type ResendValues = {
  idempotencyKey: string;
  channel: Channel;
  customer: Contact;
  accessId?: string;
};

/** "Send another way" for an existing session, with the same channel rules as the create form. */
export function resendFormSchema({ allowedChannels = CHANNEL_VALUES }: { allowedChannels?: readonly Channel[] } = {}) {
  return z
    .object({ idempotencyKey: idempotencyKeySchema, ...contactShape(allowedChannels) })
    .check(contactRules)
    .transform((form): ResendValues => {
      const { contact, accessId } = contactOutput(form);
      return { idempotencyKey: form.idempotencyKey, channel: form.channel, customer: contact, ...(accessId === undefined ? {} : { accessId }) };
    });
}

export const resendSchema = resendFormSchema();
export type ResendInput = z.input<typeof resendSchema>;

export type OrderTotalsPreview = {
  orderAmount: number;
  orderTaxAmount: number;
  /** Indexes of lines left out because they don't parse yet. */
  incompleteLines: number[];
};

/** The live total while the agent types: sums the lines that already parse, through the same line schema. */
export function previewOrderTotals(lines: readonly unknown[], context: MoneyContext): OrderTotalsPreview {
  const lineSchema = orderLineFormSchema(context);
  const parsed: OrderLineInput[] = [];
  const incompleteLines: number[] = [];
  lines.forEach((line, index) => {
    const result = lineSchema.safeParse(line);
    if (result.success) parsed.push(result.data);
    else incompleteLines.push(index);
  });
  const { orderAmount, orderTaxAmount } = priceOrder(parsed);
  return { orderAmount, orderTaxAmount, incompleteLines };
}
