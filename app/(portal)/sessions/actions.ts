"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { CreateLinkResult } from "@/components/payment-links/action-types";
import type { ActionResult } from "@/lib/actions/result";
import { runAction, ValidationFailure } from "@/lib/actions/run-action";
import type { Actor } from "@/lib/auth/authorize";
import { findLinkInScope, storeForNewLink } from "@/lib/payment-links/access";
import { channelsForProvider } from "@/lib/payment-links/channels";
import type { DuplicateLinkView } from "@/lib/payment-links/duplicate-view";
import { checkForDuplicate, createUnlessDuplicate, DuplicateLinkError } from "@/lib/payment-links/duplicates";
import { linkDeps } from "@/lib/payment-links/deps";
import { confirmPayment } from "@/lib/payment-links/confirm-payment";
import { disablePaymentLink } from "@/lib/payment-links/disable";
import { linkError } from "@/lib/payment-links/errors";
import { resendPaymentLink } from "@/lib/payment-links/resend";
import { sendAnotherWay } from "@/lib/payment-links/send-another-way";
import { fieldErrorsFromZod } from "@/lib/validation/field-errors";
import { paymentLinkFormSchema, resendFormSchema } from "@/lib/validation/payment-link";
import { emailSchema } from "@/lib/validation/email";
import { loadPhoneNumberTypes, parsePhone } from "@/lib/validation/phone";

const SENDERS = ["AGENT", "MANAGER", "ADMIN"] as const;
const CHECKERS = ["MANAGER", "ADMIN"] as const;
const resendInputSchema = z.object({ idempotencyKey: z.uuid() });
const verdictSchema = z.enum(["paid", "not_paid"]);

type LinkActionResult = ActionResult<{ sessionId: string }>;

/** The link if the actor may act on it (store scope re-checked on every call); another store's looks missing. */
async function linkFor(actor: Actor, linkId: string) {
  const link = await findLinkInScope(actor, linkId);
  if (!link) throw linkError("NOT_FOUND");
  return link;
}


const duplicateCheckSchema = z.object({
  storeId: z.unknown(),
  phone: z.string().optional(),
  phoneCountry: z.string().optional(),
  email: z.string().optional(),
  idempotencyKey: z.string().optional(),
});

/** The duplicate-link guard as the agent finishes typing: null unless the customer has an open link here. */
export async function checkDuplicateLinkAction(input: unknown): Promise<ActionResult<{ duplicate: DuplicateLinkView | null }>> {
  return runAction({ roles: SENDERS }, async (actor) => {
    const parsed = duplicateCheckSchema.safeParse(input);
    if (!parsed.success) throw new ValidationFailure(fieldErrorsFromZod(parsed.error));
    const store = await storeForNewLink(actor, parsed.data.storeId);
    if (!store) throw new ValidationFailure({ storeId: "Choose a store." });
    const phone = parsed.data.phone?.trim() ? parsePhone(parsed.data.phone, parsed.data.phoneCountry) : null;
    const email = parsed.data.email?.trim() ? emailSchema.safeParse(parsed.data.email.trim()) : null;
    const contact = { ...(phone?.ok ? { phoneE164: phone.value.e164 } : {}), ...(email?.success ? { email: email.data } : {}) };
    return { duplicate: await checkForDuplicate(store.id, contact, parsed.data.idempotencyKey) };
  });
}

export async function createPaymentLinkAction(input: unknown): Promise<CreateLinkResult> {
  return runAction({ roles: SENDERS }, async (actor) => {
    const store = await storeForNewLink(actor, (input as { storeId?: unknown } | null)?.storeId);
    if (!store) throw new ValidationFailure({ storeId: "Choose a store." });
    const schema = paymentLinkFormSchema({
      currency: store.currency,
      locale: store.locale,
      allowedChannels: channelsForProvider(store.provider).allowed,
      standardTaxRate: store.standardTaxRate,
    });
    // The server always checks the number type (a landline can't take an SMS), whatever the browser had loaded.
    await loadPhoneNumberTypes();
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw new ValidationFailure(fieldErrorsFromZod(parsed.error));
    try {
      const outcome = await createUnlessDuplicate(linkDeps(), actor, store, parsed.data);
      revalidatePath("/sessions");
      return { sessionId: outcome.linkId };
    } catch (error) {
      if (error instanceof DuplicateLinkError) return { duplicate: error.existing };
      throw error;
    }
  });
}

export async function resendPaymentLinkAction(linkId: string, input: { idempotencyKey: string }): Promise<LinkActionResult> {
  return runAction({ roles: SENDERS }, async (actor) => {
    const link = await linkFor(actor, linkId);
    const parsed = resendInputSchema.safeParse(input);
    if (!parsed.success) throw new ValidationFailure(fieldErrorsFromZod(parsed.error));
    await resendPaymentLink(linkDeps(), actor, link.id, parsed.data.idempotencyKey);
    return { sessionId: link.id };
  });
}

export async function sendAnotherWayAction(linkId: string, input: unknown): Promise<LinkActionResult> {
  return runAction({ roles: SENDERS }, async (actor) => {
    const link = await linkFor(actor, linkId);
    await loadPhoneNumberTypes();
    const parsed = resendFormSchema({ allowedChannels: channelsForProvider(link.provider).allowed }).safeParse(input);
    if (!parsed.success) throw new ValidationFailure(fieldErrorsFromZod(parsed.error));
    await sendAnotherWay(linkDeps(), actor, link.id, parsed.data);
    return { sessionId: link.id };
  });
}

export async function disablePaymentLinkAction(linkId: string): Promise<LinkActionResult> {
  return runAction({ roles: SENDERS }, async (actor) => {
    const link = await linkFor(actor, linkId);
    await disablePaymentLink(linkDeps(), actor, link.id);
    revalidatePath("/sessions");
    return { sessionId: link.id };
  });
}

/** A manager's verdict on a "Paid, unconfirmed" link after checking with the provider. */
export async function confirmPaymentAction(linkId: string, verdict: unknown): Promise<LinkActionResult> {
  return runAction({ roles: CHECKERS }, async (actor) => {
    const link = await linkFor(actor, linkId);
    const parsed = verdictSchema.safeParse(verdict);
    if (!parsed.success) throw new ValidationFailure({ verdict: "Choose Confirmed paid or Not paid." });
    await confirmPayment(linkDeps(), actor, link.id, parsed.data);
    revalidatePath("/sessions");
    return { sessionId: link.id };
  });
}
