/** The store form (Admin → Stores). Browser-safe. */
import { z } from "zod";
import { plainText } from "./text";

export const PROVIDERS = ["KUSTOM", "PAYMENT_PLATFORM"] as const;
export const PROVIDER_LABELS: Record<(typeof PROVIDERS)[number], string> = { KUSTOM: "Kustom", PAYMENT_PLATFORM: "Payment platform" };

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

export const storeSchema = z.object({
  name: plainText("a store name", 80),
  country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "Use a two-letter country code, e.g. SE."),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, "Use a three-letter currency code, e.g. SEK."),
  locale: z.string().trim().min(1, "Enter a locale, e.g. sv-SE.").refine(isLocale, "Use a locale such as sv-SE."),
  timeZone: z.string().trim().min(1, "Enter a time zone, e.g. Europe/Stockholm.").refine(isTimeZone, "Use a time zone such as Europe/Stockholm."),
  provider: z.enum(PROVIDERS, { error: "Choose an HPP provider." }),
  /** Percent in the form (25 or 12.5); stored in basis points. */
  taxRatePercent: z.coerce
    .number({ error: "Enter the default tax rate in percent, e.g. 25." })
    .min(0, "The tax rate can't be negative.")
    .max(100, "The tax rate can be at most 100 %.")
    .refine((n) => Number.isInteger(Math.round(n * 100)) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-9, "Use at most two decimals."),
});
export type StoreInput = z.input<typeof storeSchema>;
export type StoreValues = z.output<typeof storeSchema>;
