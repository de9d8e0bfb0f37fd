import "server-only";
import { UserError } from "@/lib/actions/user-error";
import { db as defaultDb, type Db } from "@/lib/db";
import { OPEN_STATUSES, STATUS_LABELS, type LinkStatus } from "@/lib/domain/statuses";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/authorize";
import type { PaymentLinkFormValues } from "@/lib/validation/payment-link";
import { createPaymentLink, type CreateOutcome, type IntentHook, type StoreForLink } from "./create";
import { nowOf, type LinkDeps } from "./deps";
import type { DuplicateLinkView } from "./duplicate-view";
import type { LinkEvent } from "./events";
import { DUPLICATE_MESSAGES } from "./messages";
import { statusList } from "./status-sql";

/** Links created this recently count as the customer's open link. */
export const DUPLICATE_WINDOW_MS = 48 * 60 * 60 * 1000;

/** Statuses a duplicate may have: still payable, or about to be (another agent's submit in flight). */
const DUPLICATE_STATUSES: readonly LinkStatus[] = ["CREATING", ...OPEN_STATUSES];

/** The customer's contacts as the form parsed them: the phone already E.164. */
export type DuplicateContact = { phoneE164?: string | undefined; email?: string | undefined };

export type { DuplicateLinkView };

/** Thrown inside the create transaction when the customer already has an open link; nothing is recorded. */
export class DuplicateLinkError extends UserError {
  constructor(readonly existing: DuplicateLinkView) {
    super("DUPLICATE_LINK", DUPLICATE_MESSAGES.heading, { recordId: existing.id });
  }
}

type Reader = Pick<Db, "$queryRaw" | "paymentSession"> | Prisma.TransactionClient;

/** One advisory-lock key per store and contact: phones compared as E.164, emails case-insensitively. */
function contactKeys(storeId: string, contact: DuplicateContact): string[] {
  const keys = [
    ...(contact.phoneE164 ? [`duplicate:${storeId}:phone:${contact.phoneE164}`] : []),
    ...(contact.email ? [`duplicate:${storeId}:email:${contact.email.trim().toLowerCase()}`] : []),
  ];
  return keys.sort();
}

/**
 * The store's open links for this customer created in the last 48 hours, newest first, leaving out
 * the link of the form being submitted (`ownKey`), which a retry of the same submit finds.
 */
export async function findOpenDuplicates(db: Reader, storeId: string, contact: DuplicateContact, now: Date, ownKey?: string): Promise<DuplicateLinkView[]> {
  const phone = contact.phoneE164 ?? null;
  const email = contact.email?.trim().toLowerCase() || null;
  if (!phone && !email) return [];
  const since = new Date(now.getTime() - DUPLICATE_WINDOW_MS);
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id FROM "PaymentSession"
    WHERE "storeId" = ${storeId}
      AND status IN (${statusList(DUPLICATE_STATUSES)})
      AND "createdAt" >= ${since}
      AND ("expiresAt" IS NULL OR "expiresAt" > ${now})
      AND "idempotencyKey" <> ${ownKey ?? ""}
      AND ("customerPhone" = ${phone} OR lower("customerEmail") = ${email})
    ORDER BY "createdAt" DESC
    LIMIT 5`;
  if (rows.length === 0) return [];
  const links = await db.paymentSession.findMany({
    where: { id: { in: rows.map((r) => r.id) } },
    orderBy: { createdAt: "desc" },
    select: { id: true, merchantReference: true, amount: true, currency: true, locale: true, status: true, createdAt: true, createdBy: { select: { name: true } } },
  });
  return links.map(({ status, createdBy, createdAt, ...link }) => ({
    ...link,
    statusLabel: STATUS_LABELS[status],
    createdByName: createdBy.name,
    createdAt: createdAt.toISOString(),
  }));
}

/**
 * The server half of the duplicate-link guard, run in the transaction that records the new link:
 * serialised per store and contact by advisory locks (held to commit), so of two submits for the same
 * customer at the same moment the second sees the first and is refused with DuplicateLinkError. With
 * `allowDuplicate` (the agent chose Create a new link anyway) the link is created and both histories
 * say so.
 */
export function duplicateGuard(storeId: string, contact: DuplicateContact, idempotencyKey: string, allowDuplicate: boolean, now: Date, actorId: string): IntentHook {
  return async (tx, link) => {
    for (const key of contactKeys(storeId, contact)) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
    // A retry of a submit that was already recorded resumes it, whatever was created since.
    if (await tx.paymentSession.findUnique({ where: { idempotencyKey }, select: { id: true } })) return {};
    const duplicates = await findOpenDuplicates(tx, storeId, contact, now, idempotencyKey);
    if (duplicates.length === 0) return {};
    if (!allowDuplicate) throw new DuplicateLinkError(duplicates[0]!);
    const events: LinkEvent[] = duplicates.flatMap((other) => [
      { linkId: link.id, type: "DUPLICATE_OVERRIDDEN", source: "PORTAL", actorId, detail: { duplicateRole: "new", otherLinkId: other.id, otherReference: other.merchantReference } },
      { linkId: other.id, type: "DUPLICATE_OVERRIDDEN", source: "PORTAL", actorId, detail: { duplicateRole: "existing", otherLinkId: link.id, otherReference: link.merchantReference } },
    ]);
    return { events };
  };
}

/** Create payment link behind the duplicate-link guard: what New payment link submits. */
export function createUnlessDuplicate(deps: LinkDeps, actor: Actor, store: StoreForLink, values: PaymentLinkFormValues): Promise<CreateOutcome> {
  const guard = duplicateGuard(store.id, values.customer, values.idempotencyKey, values.allowDuplicate ?? false, nowOf(deps), actor.userId);
  return createPaymentLink(deps, actor, store, values, guard);
}

/** The form's check as the agent finishes typing: the customer's newest open link in this store, or null. */
export async function checkForDuplicate(storeId: string, contact: DuplicateContact, ownKey?: string): Promise<DuplicateLinkView | null> {
  return (await findOpenDuplicates(defaultDb(), storeId, contact, new Date(), ownKey))[0] ?? null;
}
