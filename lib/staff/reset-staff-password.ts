import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/authorize";
import { NO_PASSWORD } from "@/lib/auth/password";
import { endAllSignInSessions } from "@/lib/auth/sign-in-sessions";
import type { Db } from "@/lib/db";
import { issuePasswordLink } from "./password-links";
import { assertCanManage } from "./permissions";
import { loadStaffMember } from "./target";

/**
 * "Reset password": the old password stops working, every session ends, and a new one-time link
 * (24 hours) replaces any earlier one. Returns the link's token.
 */
export async function resetStaffPassword(db: Db, actor: Actor, userId: string, now = new Date()): Promise<string> {
  return db.$transaction(async (tx) => {
    const target = await loadStaffMember(tx, userId);
    assertCanManage(actor, target, "reset");
    await tx.user.update({ where: { id: userId }, data: { passwordHash: NO_PASSWORD } });
    await endAllSignInSessions(tx, userId, "password_reset", now);
    const token = await issuePasswordLink(tx, { userId, purpose: "reset", createdById: actor.userId }, now);
    await recordAudit(tx, { actorId: actor.userId, action: "user.password_reset_issued", targetType: "user", targetId: userId, storeId: target.storeId });
    return token;
  });
}
