import type { Db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { beginLoginAttempt, markLoginSucceeded, normalizeEmail } from "./throttle";

export type SignedInUser = { id: string; email: string; name: string; role: Role; storeId: string | null };

export type SignInResult = { ok: true; user: SignedInUser } | { ok: false; reason: "INVALID" | "THROTTLED" };

/**
 * Checks an email and password. Unknown email, wrong password and disabled account all answer
 * INVALID after the same amount of work; too many failures answer THROTTLED for any email.
 */
export async function checkCredentials(db: Db, email: string, password: string): Promise<SignInResult> {
  const normalized = normalizeEmail(email);
  if (!normalized || !password) return { ok: false, reason: "INVALID" };
  const attemptId = await beginLoginAttempt(db, normalized);
  if (!attemptId) return { ok: false, reason: "THROTTLED" };

  const user = await db.user.findUnique({
    where: { email: normalized },
    select: { id: true, email: true, name: true, role: true, storeId: true, disabled: true, passwordHash: true },
  });
  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!valid || !user || user.disabled) return { ok: false, reason: "INVALID" };
  await markLoginSucceeded(db, attemptId);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, storeId: user.storeId } };
}
