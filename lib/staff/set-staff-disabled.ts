import { UserError } from "@/lib/actions/user-error";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/authorize";
import { endAllSignInSessions } from "@/lib/auth/sign-in-sessions";
import type { Db } from "@/lib/db";
import { assertCanManage } from "./permissions";
import { loadStaffMember } from "./target";

/** Disables (ending every session at once) or enables an account. */
export async function setStaffDisabled(db: Db, actor: Actor, userId: string, disabled: boolean): Promise<void> {
  if (userId === actor.userId) throw new UserError("OWN_ACCOUNT", "You can't disable or enable your own account.");
  await db.$transaction(async (tx) => {
    const target = await loadStaffMember(tx, userId);
    assertCanManage(actor, target, "disable");
    if (target.disabled === disabled) return;
    await tx.user.update({ where: { id: userId }, data: { disabled } });
    if (disabled) await endAllSignInSessions(tx, userId, "disabled");
    await recordAudit(tx, { actorId: actor.userId, action: disabled ? "user.disabled" : "user.enabled", targetType: "user", targetId: userId, storeId: target.storeId });
  });
}
