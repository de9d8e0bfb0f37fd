"use server";

import { failureOf } from "@/lib/actions/run-action";
import { setPasswordWithLink } from "@/lib/staff/set-password-with-link";
import { db } from "@/lib/db";
import { fieldErrorsFromZod } from "@/lib/validation/field-errors";
import { setPasswordSchema } from "@/lib/validation/password";

export type SetPasswordResult = { ok: true } | { ok: false; message: string; fieldErrors?: Record<string, string> };

/**
 * The set-password form's action. Runs with no signed-in user: the one-time link is the credential,
 * checked and spent by setPasswordWithLink (listed in the authorization test).
 */
export async function setPasswordAction(token: string, input: unknown): Promise<SetPasswordResult> {
  const parsed = setPasswordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "Check the highlighted fields.", fieldErrors: fieldErrorsFromZod(parsed.error) };
  try {
    await setPasswordWithLink(db(), String(token), parsed.data.password);
    return { ok: true };
  } catch (error) {
    const failure = failureOf(error);
    return { ok: false, message: failure.message, ...(failure.fieldErrors ? { fieldErrors: failure.fieldErrors } : {}) };
  }
}
