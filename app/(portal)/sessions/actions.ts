"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";
import { runAction, ValidationFailure } from "@/lib/actions/run-action";
import type { Actor } from "@/lib/auth/authorize";
import { findLinkInScope, storeForNewLink } from "@/lib/payment-links/access";
import { channelsForProvider } from "@/lib/payment-links/channels";
import { createPaymentLink } from "@/lib/payment-links/create";
import { linkDeps } from "@/lib/payment-links/deps";
import { confirmPayment } from "@/lib/payment-links/confirm-payment";
import { disablePaymentLink } from "@/lib/payment-links/disable";
import { linkError } from "@/lib/payment-links/errors";
import { resendPaymentLink } from "@/lib/payment-links/resend";
import { sendAnotherWay } from "@/lib/payment-links/send-another-way";
import { fieldErrorsFromZod } from "@/lib/validation/field-errors";
import { paymentLinkFormSchema, resendFormSchema } from "@/lib/validation/payment-link";
import { loadPhoneNumberTypes } from "@/lib/validation/phone";

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

export async function createPaymentLinkAction(input: unknown): Promise<LinkActionResult> {
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
    const outcome = await createPaymentLink(linkDeps(), actor, store, parsed.data);
    revalidatePath("/sessions");
    return { sessionId: outcome.linkId };
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
