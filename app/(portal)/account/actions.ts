"use server";

import { redirect } from "next/navigation";
import { changeOwnPassword } from "@/lib/account/change-password";
import { signOut, signOutEverywhere } from "@/lib/account/sign-out";
import { parseInput, runAction } from "@/lib/actions/run-action";
import { clearSessionCookie } from "@/lib/auth/session-cookie";
import { db } from "@/lib/db";
import { changePasswordSchema } from "@/lib/validation/password";

/** Ends this session on the server, then clears the cookie. A plain form post: works without JavaScript. */
export async function signOutAction(): Promise<void> {
  await runAction({}, (actor) => signOut(db(), actor));
  await clearSessionCookie();
  redirect("/login");
}

export async function signOutEverywhereAction(): Promise<void> {
  await runAction({}, (actor) => signOutEverywhere(db(), actor));
  await clearSessionCookie();
  redirect("/login");
}

export async function changePasswordAction(input: unknown) {
  return runAction({}, async (actor) => {
    const values = parseInput(changePasswordSchema, input);
    await changeOwnPassword(db(), actor, values);
    return { changed: true };
  });
}
