import "server-only";
import { z } from "zod";
import { authorize, storeScope, type Actor } from "@/lib/auth/authorize";
import { db, type Db } from "@/lib/db";

const idSchema = z.uuid();

/**
 * The link if the actor may see it, else null — the same null for an unknown id and for another
 * store's link, so nobody can learn that a link exists by probing ids.
 */
export async function findLinkInScope(actor: Actor, linkId: string, database: Db = db()) {
  if (!idSchema.safeParse(linkId).success) return null;
  return database.paymentSession.findFirst({ where: { id: linkId, ...storeScope(actor) }, select: { id: true, storeId: true, provider: true } });
}

const STORE_FIELDS = {
  id: true,
  name: true,
  country: true,
  currency: true,
  locale: true,
  standardTaxRate: true,
  provider: true,
  hppOptions: true,
  reminderDelayMinutes: true,
  remindersDefaultOn: true,
} as const;

/**
 * The store a new link is for — the one rule for pages and actions alike: the actor's own store; an
 * admin names one (`requested`). Null when an admin named none, or one that doesn't exist.
 */
export async function storeForNewLink(actor: Actor, requested: unknown) {
  const storeId = idSchema.safeParse(actor.role === "ADMIN" ? requested : actor.storeId);
  if (!storeId.success) return null;
  authorize(actor, { storeId: storeId.data });
  return db().store.findUnique({ where: { id: storeId.data }, select: STORE_FIELDS });
}

/** The stores an admin may pick from (everyone else has exactly their own). */
export async function storesToPick(actor: Actor) {
  if (actor.role !== "ADMIN") return [];
  return db().store.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, currency: true } });
}

/** The link's QR source, if the actor may see it and it has a link yet. */
export async function qrSourceOf(actor: Actor, linkId: string) {
  if (!idSchema.safeParse(linkId).success) return null;
  return db().paymentSession.findFirst({ where: { id: linkId, ...storeScope(actor) }, select: { redirectUrl: true } });
}
