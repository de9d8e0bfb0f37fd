"use server";

import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { SIGN_IN_MESSAGES, type SignInState } from "@/lib/auth/messages";
import { setSessionCookie, sessionLifetime } from "@/lib/auth/session-cookie";
import { requestClientAddress, signInWithPassword } from "@/lib/auth/sign-in";
import { db } from "@/lib/db";

/**
 * The login form's action: a POST (never a URL with the password), which works before hydration
 * and with JavaScript off. Runs before there is an actor, so it is listed in the authorization test.
 */
export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").slice(0, 320);
  const password = String(form.get("password") ?? "");
  const result = await signInWithPassword(db(), { email, password, address: await requestClientAddress() }, sessionLifetime());
  if (!result.ok) return { email, error: SIGN_IN_MESSAGES[result.reason] };
  await setSessionCookie(result.user, result.sessionId);
  redirect(safeCallbackPath(String(form.get("callbackUrl") ?? "")));
}
