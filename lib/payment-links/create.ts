import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/authorize";
import { channelMeta } from "@/lib/domain/channels";
import { priceOrder } from "@/lib/domain/order-lines";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProviderKind } from "@/lib/hpp";
import type { PaymentLinkFormValues } from "@/lib/validation/payment-link";
import { callbackSecret, hashCallbackSecret, newCallbackNonce } from "./callback-secret";
import { nowOf, type LinkDeps } from "./deps";
import { deliver } from "./deliver";
import { formFieldOf, linkError, type LinkFailureCode } from "./errors";
import { recordEvent, type LinkEvent } from "./events";
import { claimLink, leaseEnd } from "./lease";
import { isUniqueViolation, loadLink, type LinkRow } from "./link-row";
import { createAtProvider } from "./provider-create";
import { derivedSendKey, intentOf, liveSendKey, recordSend, storedContactOf, type SendIntent } from "./sends";

/** The store a link is created for, as the use case needs it. */
export type StoreForLink = {
  id: string;
  provider: ProviderKind;
  country: string;
  currency: string;
  locale: string;
  name: string;
  hppOptions?: unknown;
  /** Minutes after creation a requested reminder goes out (store setting). */
  reminderDelayMinutes?: number;
};

const DEFAULT_REMINDER_DELAY_MINUTES = 240;

/** What a hook adds to a new link's record: events to write with it, and the link it re-issues. */
export type IntentExtras = { events?: LinkEvent[]; clonedFromId?: string };

/**
 * Runs inside the transaction that records a new link, before it is written: may lock and check (and
 * throw to refuse), and says what to record with it (the duplicate guard, Clone and send).
 */
export type IntentHook = (tx: Prisma.TransactionClient, link: { id: string; merchantReference: string }) => Promise<IntentExtras>;

export type CreateOutcome = { linkId: string; state: "ready" | "pending" };

/** A reference agents can read out on the phone: PBL-YYMMDD-XXXXXX. */
export function generateMerchantReference(at: Date): string {
  const date = at.toISOString().slice(2, 10).replace(/-/g, "");
  const random = randomUUID().replace(/-/g, "").slice(0, 6).toUpperCase();
  return `PBL-${date}-${random}`;
}

/** Order lines in a fixed shape: jsonb does not keep key order, so objects can't be compared as text. */
function lineKey(lines: PaymentLinkFormValues["lines"]): string {
  return JSON.stringify(lines.map((l) => [l.name, l.quantity, l.unitPrice, l.taxRate, l.discount ?? 0, l.reference ?? null]));
}

function sameOrder(link: LinkRow, values: PaymentLinkFormValues, amount: number): boolean {
  return (
    link.amount === amount &&
    lineKey(link.orderLines as PaymentLinkFormValues["lines"]) === lineKey(values.lines) &&
    (values.merchantReference === undefined || values.merchantReference === link.merchantReference)
  );
}

/** Records the intent: the link, its first event and its first send, in one transaction. False when the key already exists. */
async function recordIntent(
  deps: LinkDeps,
  actor: Actor,
  store: StoreForLink,
  values: PaymentLinkFormValues,
  intent: SendIntent,
  sendKey: string,
  hook?: IntentHook,
): Promise<boolean> {
  const totals = priceOrder(values.lines);
  const id = randomUUID();
  const nonce = newCallbackNonce();
  const merchantReference = values.merchantReference ?? generateMerchantReference(nowOf(deps));
  const reminderDelayMs = (store.reminderDelayMinutes ?? DEFAULT_REMINDER_DELAY_MINUTES) * 60_000;
  try {
    await deps.db.$transaction(async (tx) => {
      const extras = hook ? await hook(tx, { id, merchantReference }) : {};
      await tx.paymentSession.create({
        data: {
          id,
          storeId: store.id,
          createdById: actor.userId,
          provider: store.provider,
          idempotencyKey: values.idempotencyKey,
          merchantReference,
          amount: totals.orderAmount,
          taxAmount: totals.orderTaxAmount,
          currency: store.currency,
          locale: store.locale,
          purchaseCountry: store.country,
          orderLines: values.lines,
          ...storedContactOf(values.channel, values.customer),
          callbackNonce: nonce,
          callbackSecretHash: hashCallbackSecret(callbackSecret(deps.serverKey, id, nonce)),
          leaseUntil: leaseEnd(deps),
          remindAt: values.remind ? new Date(nowOf(deps).getTime() + reminderDelayMs) : null,
          clonedFromId: extras.clonedFromId ?? null,
          // The first send, written below: the link's last send until another is recorded (last-send.ts).
          lastChannel: intent.channel,
          lastSendOutcome: "PENDING",
        },
      });
      await recordEvent(tx, {
        linkId: id,
        type: "CREATE_REQUESTED",
        toStatus: "CREATING",
        source: "PORTAL",
        actorId: actor.userId,
        detail: { channel: intent.channel, recipientMasked: intent.recipientMasked },
      });
      await tx.distribution.create({ data: { sessionId: id, ...intent, idempotencyKey: sendKey, actorId: actor.userId } });
      for (const event of extras.events ?? []) await recordEvent(tx, event);
    });
    return true;
  } catch (error) {
    if (!isUniqueViolation(error, "idempotencyKey")) throw error;
    return false;
  }
}

/**
 * Create payment link: records the intent (link and its first send, with the form's idempotency key,
 * unique in the database), creates the provider session, then sends it. Re-running with the same key
 * resumes where the first run stopped and never creates or sends anything twice.
 */
export async function createPaymentLink(
  deps: LinkDeps,
  actor: Actor,
  store: StoreForLink,
  values: PaymentLinkFormValues,
  hook?: IntentHook,
): Promise<CreateOutcome> {
  const intent = intentOf(values.channel, values.customer, values.accessId);
  const sendKey = derivedSendKey(values.idempotencyKey, intent);
  const owned = await recordIntent(deps, actor, store, values, intent, sendKey, hook);

  const link = await loadLink(deps, { idempotencyKey: values.idempotencyKey });
  if (link.storeId !== store.id || link.createdById !== actor.userId) throw linkError("FORM_REUSED", { rotateKey: true });
  if (!owned && !sameOrder(link, values, priceOrder(values.lines).orderAmount)) {
    throw linkError("ORDER_CHANGED", { recordId: link.id, rotateKey: true });
  }

  if (link.status === "CREATE_FAILED") {
    const last = await deps.db.paymentSession.findUnique({ where: { id: link.id }, select: { lastErrorCode: true } });
    const code = last?.lastErrorCode ?? "CREATE_FAILED";
    const field = formFieldOf(code, channelMeta(values.channel).providerMethod);
    throw linkError(code as LinkFailureCode, { recordId: link.id, rotateKey: true, ...(field ? { field } : {}) });
  }
  // A resubmit that changed how to send: record it first, so whatever happens next (even the
  // provider timing out again) only the latest choice is ever delivered.
  const sendId = owned
    ? (await deps.db.distribution.findUniqueOrThrow({ where: { idempotencyKey: sendKey }, select: { id: true } })).id
    : await recordSend(deps, actor, link, intent, await liveSendKey(deps, sendKey), "changed", {
        formKey: values.idempotencyKey,
        contact: storedContactOf(values.channel, values.customer),
      });
  if (link.status === "CREATING") {
    if (!owned && !(await claimLink(deps, link.id, "CREATING"))) return { linkId: link.id, state: "pending" };
    await createAtProvider(deps, link, "PORTAL");
  }
  const state = await deliver(deps, link, sendId, "PORTAL");
  return { linkId: link.id, state: state === "sent" ? "ready" : "pending" };
}
