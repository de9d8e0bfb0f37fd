import { AuthorizationError, type Actor } from "@/lib/auth/authorize";
import type { Role } from "@/lib/generated/prisma/enums";

export type StaffChange = "create" | "edit" | "disable" | "reset";

/**
 * Admins manage everyone. Managers add, disable, enable and reset the agents of their own store,
 * and nothing else (no edits, no other roles, no other stores). Throws AuthorizationError.
 */
export function assertCanManage(actor: Actor, target: { role: Role; storeId: string | null }, change: StaffChange): void {
  if (actor.role === "ADMIN") return;
  const ownAgent = actor.role === "MANAGER" && target.role === "AGENT" && actor.storeId !== null && target.storeId === actor.storeId;
  if (!ownAgent || change === "edit") throw new AuthorizationError("FORBIDDEN");
}

/** Whether the staff table shows the action, by the same rule. */
export function canManage(actor: Actor, target: { role: Role; storeId: string | null }, change: StaffChange): boolean {
  try {
    assertCanManage(actor, target, change);
    return true;
  } catch {
    return false;
  }
}

/** Roles the staff pages are open to. */
export const STAFF_ADMIN_ROLES = ["ADMIN", "MANAGER"] as const satisfies readonly Role[];
