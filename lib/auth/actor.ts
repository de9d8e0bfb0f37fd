import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { db } from "@/lib/db";
import { authOptions } from "./options";
import { authorize, AuthorizationError, type Actor, type AuthorizationRule } from "./authorize";
import { loginPath, RETURN_PATH_HEADER } from "./callback-url";
import { sessionLifetime } from "./session-cookie";
import { liveSessionUserId } from "./sign-in-sessions";

/** The signed-in, enabled user of this request, or null. Cached per request. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  // Per-request by nature: never prerendered at build time, when no secrets are configured.
  await connection();
  const session = (await getServerSession(authOptions())) as { userId?: string; sessionId?: string } | null;
  if (!session?.userId || !session.sessionId) return null;
  // The session row decides, not the cookie: sign-out, disabling, a reset or a role change end it.
  const userId = await liveSessionUserId(db(), session.sessionId, sessionLifetime());
  if (userId !== session.userId) return null;
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, storeId: true, disabled: true, store: { select: { name: true } } },
  });
  if (!user || user.disabled) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    storeId: user.storeId,
    storeName: user.store?.name ?? null,
    sessionId: session.sessionId,
  };
});

/** For server actions and route handlers: authenticate, then role and store. Throws AuthorizationError. */
export async function requireActor(rule: AuthorizationRule = {}): Promise<Actor> {
  return authorize(await currentActor(), rule);
}

/** For pages and layouts: unauthenticated → /login (returning here afterwards); wrong role or store → 403 page. */
export async function requirePageActor(rule: AuthorizationRule = {}): Promise<Actor> {
  try {
    return await requireActor(rule);
  } catch (error) {
    if (error instanceof AuthorizationError) {
      if (error.code === "UNAUTHENTICATED") redirect(loginPath((await headers()).get(RETURN_PATH_HEADER)));
      forbidden();
    }
    throw error;
  }
}
