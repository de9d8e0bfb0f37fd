/** The store's follow-up settings form: one schema for the browser and the server action. Browser-safe. */
import { z } from "zod";

export const STORE_SETTING_LIMITS = {
  unpaidAfterMinutes: { min: 5, max: 7 * 24 * 60 },
  reminderDelayMinutes: { min: 15, max: 7 * 24 * 60 },
} as const;

function minutes(label: string, { min, max }: { min: number; max: number }) {
  return z
    .union([z.string(), z.number()], { error: `Enter ${label}.` })
    .transform((value, ctx): number => {
      const text = String(value).trim();
      if (!/^\d+$/.test(text)) {
        ctx.addIssue({ code: "custom", message: `Enter ${label} as a whole number of minutes.`, input: value });
        return z.NEVER;
      }
      const n = Number(text);
      if (n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `${label[0]!.toUpperCase()}${label.slice(1)} must be between ${min} and ${max} minutes.`, input: value });
        return z.NEVER;
      }
      return n;
    });
}

export const storeSettingsSchema = z.object({
  unpaidAfterMinutes: minutes("the unpaid threshold", STORE_SETTING_LIMITS.unpaidAfterMinutes),
  reminderDelayMinutes: minutes("the reminder delay", STORE_SETTING_LIMITS.reminderDelayMinutes),
  remindersDefaultOn: z.boolean(),
});

export type StoreSettingsInput = z.input<typeof storeSettingsSchema>;
export type StoreSettings = z.output<typeof storeSettingsSchema>;
