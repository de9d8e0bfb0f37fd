/**
 * The contact rules the create form and Send another way share: the chosen channel's contact is
 * required (a mobile number for SMS), and any other contact filled in must still be valid. Browser-safe.
 */
import { z } from "zod";
import { CHANNEL_VALUES, channelMeta, type Channel } from "@/lib/domain/channels";
import { emailSchema } from "@/lib/validation/email";
import { normalizePhoneCountry, parsePhone, type PhoneCountry } from "@/lib/validation/phone";

export const ACCESS_ID_MAX = 255;

function channelSchema(allowedChannels: readonly Channel[]) {
  return z
    .enum(CHANNEL_VALUES, { error: "Choose how to send the link." })
    .refine((channel) => allowedChannels.includes(channel), {
      error: (issue) => `${channelMeta(issue.input as Channel).label} isn't available for this store.`,
    });
}

/** The contact fields both schemas share; validated together by contactRules. */
export function contactShape(allowedChannels: readonly Channel[]) {
  return {
    channel: channelSchema(allowedChannels),
    phone: z.string().optional(),
    phoneCountry: z.string().optional(),
    email: z.string().optional(),
    // Passed to the provider as typed: whitespace inside is kept, only surrounding whitespace is dropped.
    accessId: z.string().optional(),
  };
}

type ContactFields = {
  channel: Channel;
  phone?: string | undefined;
  phoneCountry?: string | undefined;
  email?: string | undefined;
  accessId?: string | undefined;
};

type ContactKey = "channel" | "phone" | "phoneCountry" | "email" | "accessId";
const CONTACT_KEYS: ReadonlySet<PropertyKey> = new Set<ContactKey>(["channel", "phone", "phoneCountry", "email", "accessId"]);

export type Contact = {
  email?: string;
  phoneE164?: string;
  /** The region of the phone number itself (FR for +33…), which is what the provider's phone_country needs. */
  phoneCountry?: PhoneCountry;
};

type ContactResolution = {
  contact: Contact;
  accessId?: string;
  issues: { path: ContactKey; message: string }[];
};

const REQUIRED_MESSAGES = {
  phone: "Enter the customer's mobile number to send by SMS.",
  email: "Enter the customer's email address to send by email.",
  accessId: "Enter the QR token from the customer's Klarna app.",
} as const;

/**
 * The channel rules, in one place: the chosen channel's contact is required (a mobile number for SMS),
 * and any other contact that was filled in must still be valid.
 */
function resolveContact(fields: ContactFields): ContactResolution {
  const needs = channelMeta(fields.channel).needs;
  const resolution: ContactResolution = { contact: {}, issues: [] };

  const phone = fields.phone?.trim() ?? "";
  if (phone !== "") {
    const result = parsePhone(phone, fields.phoneCountry, { requireMobile: fields.channel === "sms" });
    if (result.ok) {
      resolution.contact.phoneE164 = result.value.e164;
      resolution.contact.phoneCountry = result.value.country;
    } else {
      const onCountry = result.code === "COUNTRY_REQUIRED" && normalizePhoneCountry(fields.phoneCountry) === undefined;
      resolution.issues.push({ path: onCountry ? "phoneCountry" : "phone", message: result.message });
    }
  } else if (needs === "phone") {
    resolution.issues.push({ path: "phone", message: REQUIRED_MESSAGES.phone });
  }

  const email = fields.email?.trim() ?? "";
  if (email !== "") {
    const result = emailSchema.safeParse(email);
    if (result.success) resolution.contact.email = result.data;
    else resolution.issues.push({ path: "email", message: result.error.issues[0]?.message ?? "Enter a valid email address." });
  } else if (needs === "email") {
    resolution.issues.push({ path: "email", message: REQUIRED_MESSAGES.email });
  }

  if (needs === "accessId") {
    const accessId = fields.accessId?.trim() ?? "";
    if (accessId === "") resolution.issues.push({ path: "accessId", message: REQUIRED_MESSAGES.accessId });
    else if (accessId.length > ACCESS_ID_MAX) {
      resolution.issues.push({ path: "accessId", message: `The QR token can be at most ${ACCESS_ID_MAX} characters.` });
    } else resolution.accessId = accessId;
  }

  return resolution;
}

/** Whether an issue is on one of these top-level fields or on the whole value (not an object at all). */
export function touches(issue: { path?: PropertyKey[] | undefined }, keys: ReadonlySet<PropertyKey>): boolean {
  const key = issue.path?.[0];
  return key === undefined || keys.has(key);
}

/** Runs the channel rules as soon as the contact fields themselves parse, even while an order line is invalid. */
export const contactRules = z.superRefine<ContactFields>(
  (fields, ctx) => {
    for (const issue of resolveContact(fields).issues) {
      ctx.addIssue({ code: "custom", path: [issue.path], message: issue.message, input: fields[issue.path] });
    }
  },
  { when: (payload) => !payload.issues.some((issue) => touches(issue, CONTACT_KEYS)) },
);

export function contactOutput(fields: ContactFields): { contact: Contact; accessId?: string } {
  const { contact, accessId } = resolveContact(fields);
  return accessId === undefined ? { contact } : { contact, accessId };
}

