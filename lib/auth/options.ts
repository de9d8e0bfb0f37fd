import "server-only";
import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { checkCredentials } from "./credentials";
import { authSecret } from "./secret";

/** Error codes the login page turns into sentences; next-auth passes a thrown message through. */
export const SIGN_IN_ERRORS = { INVALID: "CredentialsSignin", THROTTLED: "Throttled" } as const;

let options: NextAuthOptions | undefined;

/** Built on first use, not at import, so `next build` needs no runtime secrets. */
export function authOptions(): NextAuthOptions {
  if (options) return options;
  process.env.NEXTAUTH_URL ??= env().PORTAL_PUBLIC_URL;
  options = {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login" },
    providers: [
      Credentials({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials) {
          const result = await checkCredentials(db(), credentials?.email ?? "", credentials?.password ?? "");
          if (result.ok) return { id: result.user.id, email: result.user.email, name: result.user.name };
          if (result.reason === "THROTTLED") throw new Error(SIGN_IN_ERRORS.THROTTLED);
          return null;
        },
      }),
    ],
    callbacks: {
      // Only the user id travels in the token; role and store are read fresh on every request.
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub };
      },
    },
  };
  return options;
}
