import "server-only";
import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import type { SessionLifetime } from "./sign-in-sessions";
import { authSecret } from "./secret";

/** Idle timeout and absolute lifetime of a sign-in, from SESSION_IDLE_MINUTES and SESSION_MAX_HOURS. */
export function sessionLifetime(): SessionLifetime {
  const e = env();
  return { idleMs: e.SESSION_IDLE_MINUTES * 60_000, maxMs: e.SESSION_MAX_HOURS * 3_600_000 };
}

/**
 * Secure (and `__Host-` prefixed: this host only, path /) in production or behind https; plain only
 * for development over http, where browsers would drop a Secure cookie on a non-localhost host.
 */
export function sessionCookieSettings() {
  const e = env();
  const secure = e.NODE_ENV === "production" || e.PORTAL_PUBLIC_URL.startsWith("https://");
  return {
    secure,
    name: secure ? "__Host-portal.session" : "portal.session",
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
  };
}

/** Sets the cookie for a sign-in session started with startSignInSession. */
export async function setSessionCookie(user: { id: string; email: string; name: string }, sessionId: string): Promise<void> {
  const maxAge = Math.floor(sessionLifetime().maxMs / 1000);
  const token = await encode({ token: { sub: user.id, sid: sessionId, name: user.name, email: user.email }, secret: authSecret(), maxAge });
  const { name, options } = sessionCookieSettings();
  (await cookies()).set(name, token, { ...options, maxAge });
}

export async function clearSessionCookie(): Promise<void> {
  const { name, options } = sessionCookieSettings();
  (await cookies()).set(name, "", { ...options, maxAge: 0 });
}
