import "server-only";
import { decode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { db } from "@/lib/db";
import { authorize, AuthorizationError, type Actor, type AuthorizationRule } from "./authorize";
import { loginPath, RETURN_PATH_HEADER } from "./callback-url";
import { authSecret } from "./secret";
import { sessionCookieSettings, sessionLifetime } from "./session-cookie";
import { liveSessionUser } from "./sign-in-sessions";

/**
 * The session cookie's claims (next-auth's encrypted JWT, as setSessionCookie wrote it), or null when
 * it is missing, forged, or past its expiry.
 */
async function sessionClaims(): Promise<{ sub?: unknown; sid?: unknown } | null> {
  const token = (await cookies()).get(sessionCookieSettings().name)?.value;
  if (!token) return null;
  try {
    return await decode({ token, secret: authSecret() });
  } catch {
    return null;
  }
}

/**
 * The signed-in, enabled user of this request, or null. Cached per request. The cookie only names a
 * session: its row decides (sign-out, disabling, a reset or a role change end it), read with its user
 * in one query.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  // Per-request by nature: never prerendered at build time, when no secrets are configured.
  await connection();
  const claims = await sessionClaims();
  if (typeof claims?.sub !== "string" || typeof claims.sid !== "string") return null;
  const user = await liveSessionUser(db(), claims.sid, sessionLifetime());
  if (!user || user.id !== claims.sub || user.disabled) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    storeId: user.storeId,
    storeName: user.store?.name ?? null,
    storeSettings: user.store ? { country: user.store.country, locale: user.store.locale } : null,
    sessionId: claims.sid,
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
