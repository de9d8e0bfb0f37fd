import { UserError } from "@/lib/actions/user-error";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/authorize";
import { endAllSignInSessions } from "@/lib/auth/sign-in-sessions";
import type { Db } from "@/lib/db";
import type { updateStaffSchema } from "@/lib/validation/staff";
import type { z } from "zod";
import { assertCanManage } from "./permissions";
import { loadStaffMember, resolveStore } from "./target";

export type StaffProfile = z.output<typeof updateStaffSchema>;

/** Edits name, role and store. A new role or store ends the member's sessions: access is re-checked at sign-in. */
export async function updateStaffMember(db: Db, actor: Actor, userId: string, input: StaffProfile): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await loadStaffMember(tx, userId);
    assertCanManage(actor, before, "edit");
    if (userId === actor.userId && input.role !== before.role) {
      throw new UserError("OWN_ROLE", "You can't change your own role. Ask another admin.", { field: "role" });
    }
    const storeId = await resolveStore(tx, input.role, input.storeId);
    await tx.user.update({ where: { id: userId }, data: { name: input.name, role: input.role, storeId } });
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (before.name !== input.name) changes.name = { from: before.name, to: input.name };
    if (before.role !== input.role) changes.role = { from: before.role, to: input.role };
    if (before.storeId !== storeId) changes.storeId = { from: before.storeId, to: storeId };
    if (Object.keys(changes).length === 0) return;
    if (changes.role || changes.storeId) await endAllSignInSessions(tx, userId, changes.role ? "role_changed" : "store_changed");
    await recordAudit(tx, { actorId: actor.userId, action: "user.updated", targetType: "user", targetId: userId, storeId: storeId ?? before.storeId, detail: { changes } });
  });
}
