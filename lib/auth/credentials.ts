import type { Db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { accountLabel, beginLoginAttempt, markLoginSucceeded, normalizeEmail } from "./throttle";

export type SignedInUser = { id: string; email: string; name: string; role: Role; storeId: string | null };

export type SignInResult = { ok: true; user: SignedInUser } | { ok: false; reason: "INVALID" | "THROTTLED" };

/**
 * Checks an email and password from a client address. Unknown email, wrong password and disabled
 * account all answer INVALID after the same amount of work; too many failures answer THROTTLED.
 * Failures and refusals are logged with a hashed account label and the address, never the email
 * or the password.
 */
export async function checkCredentials(db: Db, email: string, password: string, address = "unknown"): Promise<SignInResult> {
  const normalized = normalizeEmail(email);
  if (!normalized || !password) return { ok: false, reason: "INVALID" };
  const began = await beginLoginAttempt(db, normalized, address);
  if (!began.ok) {
    console.warn(`[sign-in] refused: throttled (${began.limit}) account=${accountLabel(normalized)} address=${address}`);
    return { ok: false, reason: "THROTTLED" };
  }

  const user = await db.user.findUnique({
    where: { email: normalized },
    select: { id: true, email: true, name: true, role: true, storeId: true, disabled: true, passwordHash: true },
  });
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!valid || !user || user.disabled) {
    console.warn(`[sign-in] failed account=${accountLabel(normalized)} address=${address}`);
    return { ok: false, reason: "INVALID" };
  }
  await markLoginSucceeded(db, began.attemptId);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, storeId: user.storeId } };
}
