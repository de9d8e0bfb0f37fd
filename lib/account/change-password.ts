import { UserError } from "@/lib/actions/user-error";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/authorize";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { COMMON_PASSWORD_MESSAGE, isCommonPassword } from "@/lib/auth/password-policy";
import type { Db } from "@/lib/db";

/** Changes the signed-in user's password; every other session of theirs ends, this one stays. */
export async function changeOwnPassword(db: Db, actor: Actor, input: { currentPassword: string; password: string }, now = new Date()): Promise<void> {
  const user = await db.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new UserError("WRONG_PASSWORD", "Your current password is not right.", { field: "currentPassword" });
  }
  if (input.password === input.currentPassword) throw new UserError("SAME_PASSWORD", "Choose a password you haven't used here before.", { field: "password" });
  if (isCommonPassword(input.password)) throw new UserError("COMMON_PASSWORD", COMMON_PASSWORD_MESSAGE, { field: "password" });
  const passwordHash = await hashPassword(input.password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { passwordHash } });
    await tx.signInSession.updateMany({
      where: { userId: actor.userId, endedAt: null, ...(actor.sessionId ? { id: { not: actor.sessionId } } : {}) },
      data: { endedAt: now, endReason: "password_changed" },
    });
    await recordAudit(tx, { actorId: actor.userId, action: "user.password_changed", targetType: "user", targetId: actor.userId, storeId: actor.storeId });
  });
}
