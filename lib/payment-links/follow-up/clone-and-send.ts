import "server-only";
import { UserError } from "@/lib/actions/user-error";
import type { Actor } from "@/lib/auth/authorize";
import { channelMeta, type Channel } from "@/lib/domain/channels";
import type { PaymentLinkFormValues } from "@/lib/validation/payment-link";
import type { PhoneCountry } from "@/lib/validation/phone";
import { channelsForProvider } from "../channels";
import { createPaymentLink, type CreateOutcome } from "../create";
import { nowOf, type LinkDeps } from "../deps";
import { disablePaymentLink } from "../disable";
import { linkError } from "../errors";
import { isOpenLink as isOpen } from "./groups";
import { loadLink, type LinkRow } from "../link-row";

export type CloneInput = { idempotencyKey: string; channel: Channel };

/**
 * The old link can no longer be paid once this returns: disabled at the provider if it still could be.
 * Paid meanwhile (or the provider says so when asked to disable): refused, nothing new is created.
 * Provider trouble: refused, so two payable links never exist.
 */
async function retire(deps: LinkDeps, actor: Actor, old: LinkRow): Promise<void> {
  if (old.status === "COMPLETED") throw linkError("CLONE_PAID", { recordId: old.id });
  if (old.status === "CREATING") throw linkError("NOT_CLONEABLE", { recordId: old.id });
  const payable = isOpen(old.status) && !(old.expiresAt && old.expiresAt <= nowOf(deps));
  if (!payable) return;
  if (!deps.provider(old.provider).capabilities.disableSession) throw linkError("CLONE_NOT_DISABLEABLE", { recordId: old.id });
  try {
    await disablePaymentLink(deps, actor, old.id);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const now = await loadLink(deps, { id: old.id });
    if (error.code === "ALREADY_COMPLETED" || now.status === "COMPLETED") throw linkError("CLONE_PAID", { recordId: old.id });
    // Someone else disabled it, or it ended meanwhile: it can't be paid, so the clone may go ahead.
    if (!isOpen(now.status)) return;
    throw linkError("CLONE_DISABLE_FAILED", { recordId: old.id, retryable: error.retryable });
  }
}

/**
 * Clone and send: a new link with the old one's order lines and customer, sent by the channel the agent
 * picked, in one step; the old link is disabled first if it could still be paid. Each link's history
 * names the other. A link is re-issued once (unique in the database); the same click (idempotency key)
 * resumes its own clone.
 */
export async function cloneAndSend(deps: LinkDeps, actor: Actor, oldId: string, input: CloneInput): Promise<CreateOutcome> {
  const old = await loadLink(deps, { id: oldId });
  const reissued = () => deps.db.paymentSession.findUnique({ where: { clonedFromId: oldId }, select: { id: true, idempotencyKey: true } });
  const earlier = await reissued();
  if (earlier && earlier.idempotencyKey !== input.idempotencyKey) throw linkError("ALREADY_REISSUED", { recordId: earlier.id });

  const store = await deps.db.store.findUniqueOrThrow({ where: { id: old.storeId } });
  if (!channelsForProvider(store.provider).allowed.includes(input.channel) || input.channel === "token") {
    throw linkError("CHANNEL_UNAVAILABLE", { field: "channel" });
  }
  const extra = await deps.db.paymentSession.findUniqueOrThrow({ where: { id: oldId }, select: { customerPhoneCountry: true } });
  const needs = channelMeta(input.channel).needs;
  if ((needs === "phone" && !old.customerPhone) || (needs === "email" && !old.customerEmail)) {
    throw linkError("CHANNEL_UNAVAILABLE", { field: "channel", message: "This link has no contact for that channel. Pick another way to send." });
  }
  if (!earlier) await retire(deps, actor, old);

  const values: PaymentLinkFormValues = {
    idempotencyKey: input.idempotencyKey,
    lines: old.orderLines as PaymentLinkFormValues["lines"],
    customer: {
      ...(old.customerName ? { name: old.customerName } : {}),
      ...(old.customerPhone ? { phoneE164: old.customerPhone } : {}),
      ...(extra.customerPhoneCountry ? { phoneCountry: extra.customerPhoneCountry as PhoneCountry } : {}),
      ...(old.customerEmail ? { email: old.customerEmail } : {}),
    },
    channel: input.channel,
  };
  try {
    return await createPaymentLink(deps, actor, store, values, async (_tx, link) => ({
      clonedFromId: old.id,
      events: [
        { linkId: old.id, type: "LINK_CLONED", source: "PORTAL", actorId: actor.userId, detail: { otherLinkId: link.id, otherReference: link.merchantReference } },
        { linkId: link.id, type: "CLONED_FROM", source: "PORTAL", actorId: actor.userId, detail: { otherLinkId: old.id, otherReference: old.merchantReference } },
      ],
    }));
  } catch (error) {
    // Another agent's clone of the same link won the unique constraint.
    const winner = await reissued();
    if (winner && winner.idempotencyKey !== input.idempotencyKey) throw linkError("ALREADY_REISSUED", { recordId: winner.id });
    throw error;
  }
}
