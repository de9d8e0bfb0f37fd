"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, ValidationFailure } from "@/lib/actions/run-action";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { findSessionInScope } from "@/lib/sessions/access";
import { channelsForProvider } from "@/lib/sessions/channels";
import { SessionServiceError } from "@/lib/sessions/errors";
import { sessionDeps } from "@/lib/sessions/deps";
import { createPaymentLink, disablePaymentLink, resendPaymentLink, sendAnotherWay } from "@/lib/sessions/service";
import type { ActionResult } from "@/lib/sessions/view";
import { fieldErrorsFromZod } from "@/lib/validation/field-errors";
import { paymentLinkFormSchema, resendFormSchema } from "@/lib/validation/payment-link";
import { loadPhoneNumberTypes } from "@/lib/validation/phone";

const SENDERS = ["AGENT", "MANAGER", "ADMIN"] as const;
const idSchema = z.uuid();
const resendInputSchema = z.object({ idempotencyKey: z.uuid() });

/** The store a new link belongs to: the actor's own; an admin names one. Never taken from the client otherwise. */
async function storeFor(actor: Actor, input: unknown) {
  const requested = actor.role === "ADMIN" ? (input as { storeId?: unknown } | null)?.storeId : actor.storeId;
  const storeId = idSchema.safeParse(requested);
  if (!storeId.success) throw new ValidationFailure({ storeId: "Choose a store." });
  authorize(actor, { storeId: storeId.data });
  return db().store.findUniqueOrThrow({ where: { id: storeId.data } });
}

/** The session if the actor may act on it (store scope re-checked on every call); another store's looks missing. */
async function sessionFor(actor: Actor, sessionId: string) {
  const session = await findSessionInScope(db(), actor, sessionId);
  if (!session) throw new SessionServiceError("NOT_FOUND");
  return session;
}

export async function createPaymentLinkAction(input: unknown): Promise<ActionResult<{ sessionId: string }>> {
  return runAction({ roles: SENDERS }, async (actor) => {
    const store = await storeFor(actor, input);
    const schema = paymentLinkFormSchema({ currency: store.currency, locale: store.locale, allowedChannels: channelsForProvider(store.provider).allowed });
    // The server always checks the number type (a landline can't take an SMS), whatever the browser had loaded.
    await loadPhoneNumberTypes();
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw new ValidationFailure(fieldErrorsFromZod(parsed.error));
    const outcome = await createPaymentLink(sessionDeps(), actor, store, parsed.data);
    revalidatePath("/sessions");
    return { sessionId: outcome.sessionId };
  });
}

export async function resendPaymentLinkAction(sessionId: string, input: { idempotencyKey: string }): Promise<ActionResult<{ sessionId: string }>> {
  return runAction({ roles: SENDERS }, async (actor) => {
    const session = await sessionFor(actor, sessionId);
    const parsed = resendInputSchema.safeParse(input);
    if (!parsed.success) throw new ValidationFailure(fieldErrorsFromZod(parsed.error));
    await resendPaymentLink(sessionDeps(), actor, session.id, parsed.data.idempotencyKey);
    return { sessionId: session.id };
  });
}

export async function sendAnotherWayAction(sessionId: string, input: unknown): Promise<ActionResult<{ sessionId: string }>> {
  return runAction({ roles: SENDERS }, async (actor) => {
    const session = await sessionFor(actor, sessionId);
    await loadPhoneNumberTypes();
    const parsed = resendFormSchema({ allowedChannels: channelsForProvider(session.provider).allowed }).safeParse(input);
    if (!parsed.success) throw new ValidationFailure(fieldErrorsFromZod(parsed.error));
    await sendAnotherWay(sessionDeps(), actor, session.id, parsed.data);
    return { sessionId: session.id };
  });
}

export async function disablePaymentLinkAction(sessionId: string): Promise<ActionResult<{ sessionId: string }>> {
  return runAction({ roles: SENDERS }, async (actor) => {
    const session = await sessionFor(actor, sessionId);
    await disablePaymentLink(sessionDeps(), actor, session.id);
    revalidatePath("/sessions");
    return { sessionId: session.id };
  });
}
