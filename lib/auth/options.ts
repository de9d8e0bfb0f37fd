import "server-only";
import type { NextAuthOptions } from "next-auth";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { authSecret } from "./secret";
import { sessionCookieSettings, sessionLifetime } from "./session-cookie";
import { endSignInSession, liveSessionUserId } from "./sign-in-sessions";

let options: NextAuthOptions | undefined;

/**
 * next-auth decodes the session cookie; signing in is the login page's server action
 * (app/(auth)/login/actions.ts), which posts the form rather than putting it in a URL. The cookie
 * names a SignInSession row, checked on every request, so ending the row ends the session.
 * Built on first use, not at import, so `next build` needs no runtime secrets.
 */
export function authOptions(): NextAuthOptions {
  if (options) return options;
  process.env.NEXTAUTH_URL ??= env().PORTAL_PUBLIC_URL;
  const cookie = sessionCookieSettings();
  options = {
    secret: authSecret(),
    useSecureCookies: cookie.secure,
    cookies: { sessionToken: { name: cookie.name, options: cookie.options } },
    session: { strategy: "jwt", maxAge: Math.floor(sessionLifetime().maxMs / 1000) },
    pages: { signIn: "/login" },
    providers: [],
    callbacks: {
      // A token whose session row has ended is refused, which also makes next-auth clear the cookie.
      async jwt({ token }) {
        const sid = typeof token.sid === "string" ? token.sid : null;
        if (!sid || !(await liveSessionUserId(db(), sid, sessionLifetime(), { touch: false }))) throw new Error("Session ended");
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub, sessionId: token.sid };
      },
    },
    // An ended session is expected, not an error; other codes are logged without their details.
    logger: {
      error(code) {
        if (code !== "JWT_SESSION_ERROR") console.error(`[next-auth] ${code}`);
      },
      warn() {},
      debug() {},
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSignInSession(db(), token.sid, "signed_out");
      },
    },
  };
  return options;
}
