import "server-only";
import { headers } from "next/headers";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { clientAddress } from "./client-address";
import { checkCredentials, type SignedInUser } from "./credentials";
import type { SessionLifetime } from "./sign-in-sessions";
import { startSignInSession } from "./sign-in-sessions";

export type PasswordSignIn = { ok: true; user: SignedInUser; sessionId: string } | { ok: false; reason: "INVALID" | "THROTTLED" };

/** Checks the password (throttled per account and address) and opens a sign-in session row. */
export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; address: string },
  lifetime: SessionLifetime,
  now = new Date(),
): Promise<PasswordSignIn> {
  const result = await checkCredentials(db, input.email, input.password, input.address);
  if (!result.ok) return result;
  const sessionId = await startSignInSession(db, result.user.id, lifetime, now);
  await db.user.update({ where: { id: result.user.id }, data: { lastSignInAt: now } });
  return { ok: true, user: result.user, sessionId };
}

/** This request's client address (socket, or X-Forwarded-For from a trusted proxy). */
export async function requestClientAddress(): Promise<string> {
  return clientAddress(await headers(), env().TRUSTED_PROXY_ADDRESSES);
}
