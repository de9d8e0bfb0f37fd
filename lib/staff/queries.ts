import "server-only";
import type { Actor } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import { passwordLinkState } from "./password-links";
import { canManage } from "./permissions";

export type StaffRow = {
  id: string;
  name: string;
  email: string;
  role: "AGENT" | "MANAGER" | "ADMIN";
  storeName: string | null;
  disabled: boolean;
  lastSignInAt: string | null;
  can: { edit: boolean; disable: boolean; reset: boolean };
  isSelf: boolean;
};

/** The staff table: admins see everyone, managers the agents of their own store. */
export async function listStaff(actor: Actor): Promise<StaffRow[]> {
  const where = actor.role === "ADMIN" ? {} : { role: "AGENT" as const, storeId: actor.storeId ?? "-" };
  const users = await db().user.findMany({
    where,
    orderBy: [{ name: "asc" }, { email: "asc" }],
    select: { id: true, name: true, email: true, role: true, storeId: true, disabled: true, lastSignInAt: true, store: { select: { name: true } } },
  });
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role,
    storeName: u.store?.name ?? null,
    disabled: u.disabled,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    isSelf: u.id === actor.userId,
    can: { edit: canManage(actor, u, "edit"), disable: u.id !== actor.userId && canManage(actor, u, "disable"), reset: canManage(actor, u, "reset") },
  }));
}

/** One staff member for the Edit page, or null when absent or not the actor's to manage. */
export async function getStaffMember(actor: Actor, userId: string) {
  const user = await db().user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, role: true, storeId: true, disabled: true } });
  return user && canManage(actor, user, "edit") ? user : null;
}

/** Stores the actor may put staff in: all for admins, their own for managers. */
export async function storeOptions(actor: Actor): Promise<{ id: string; name: string }[]> {
  return db().store.findMany({
    where: actor.role === "ADMIN" ? {} : { id: actor.storeId ?? "-" },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

/** Whether a set-password link still works, for its page. */
export async function passwordLinkTokenState(token: string) {
  return passwordLinkState(db(), token);
}
