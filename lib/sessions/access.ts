import "server-only";
import { z } from "zod";
import { storeScope, type Actor } from "@/lib/auth/authorize";
import type { Db } from "@/lib/db";

const idSchema = z.uuid();

/**
 * The session if the actor may see it, else null — the same null for an unknown id and for another
 * store's session, so nobody can learn that a session exists by probing ids.
 */
export async function findSessionInScope(db: Db, actor: Actor, sessionId: string) {
  if (!idSchema.safeParse(sessionId).success) return null;
  return db.paymentSession.findFirst({ where: { id: sessionId, ...storeScope(actor) }, select: { id: true, storeId: true, provider: true } });
}
