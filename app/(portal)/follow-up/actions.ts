"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";
import { runAction, ValidationFailure } from "@/lib/actions/run-action";
import type { Actor } from "@/lib/auth/authorize";
import { CHANNEL_VALUES } from "@/lib/domain/channels";
import { findLinkInScope } from "@/lib/payment-links/access";
import { linkDeps } from "@/lib/payment-links/deps";
import { linkError } from "@/lib/payment-links/errors";
import { cloneAndSend } from "@/lib/payment-links/follow-up/clone-and-send";
import { dismissLink, DISMISS_REASONS } from "@/lib/payment-links/follow-up/dismiss";
import { saveStoreSettings, SETTINGS_ROLES } from "@/lib/stores/settings";
import { fieldErrorsFromZod } from "@/lib/validation/field-errors";
import { storeSettingsSchema } from "@/lib/validation/store-settings";

const SENDERS = ["AGENT", "MANAGER", "ADMIN"] as const;
const cloneSchema = z.object({ idempotencyKey: z.uuid(), channel: z.enum(CHANNEL_VALUES, { error: "Choose how to send the new link." }) });
const dismissSchema = z.object({ reason: z.enum(DISMISS_REASONS, { error: "Choose a reason." }) });

/** The link if the actor may act on it (store scope re-checked on every call); another store's looks missing. */
async function linkFor(actor: Actor, linkId: string) {
  const link = await findLinkInScope(actor, linkId);
  if (!link) throw linkError("NOT_FOUND");
  return link;
}

export async function cloneAndSendAction(linkId: string, input: unknown): Promise<ActionResult<{ sessionId: string }>> {
  return runAction({ roles: SENDERS }, async (actor) => {
    const link = await linkFor(actor, linkId);
    const parsed = cloneSchema.safeParse(input);
    if (!parsed.success) throw new ValidationFailure(fieldErrorsFromZod(parsed.error));
    const outcome = await cloneAndSend(linkDeps(), actor, link.id, parsed.data);
    revalidatePath("/follow-up");
    return { sessionId: outcome.linkId };
  });
}

export async function dismissLinkAction(linkId: string, input: unknown): Promise<ActionResult<{ sessionId: string }>> {
  return runAction({ roles: SENDERS }, async (actor) => {
    const link = await linkFor(actor, linkId);
    const parsed = dismissSchema.safeParse(input);
    if (!parsed.success) throw new ValidationFailure(fieldErrorsFromZod(parsed.error));
    await dismissLink(linkDeps(), actor, link.id, parsed.data.reason);
    revalidatePath("/follow-up");
    return { sessionId: link.id };
  });
}

export async function updateStoreSettingsAction(storeId: string, input: unknown): Promise<ActionResult<{ storeId: string }>> {
  return runAction({ roles: SETTINGS_ROLES }, async (actor) => {
    const parsed = storeSettingsSchema.safeParse(input);
    if (!parsed.success) throw new ValidationFailure(fieldErrorsFromZod(parsed.error));
    await saveStoreSettings(actor, storeId, parsed.data);
    revalidatePath("/follow-up");
    return { storeId };
  });
}
