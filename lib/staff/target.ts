import { UserError } from "@/lib/actions/user-error";
import type { Prisma } from "@/lib/generated/prisma/client";
import { STORE_REQUIRED_MESSAGE } from "@/lib/validation/staff";

type Tx = Prisma.TransactionClient;

const TARGET = { id: true, name: true, email: true, role: true, storeId: true, disabled: true } as const;

/** The staff member a change is about, read inside the change's transaction. */
export async function loadStaffMember(tx: Tx, userId: string) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: TARGET });
  if (!user) throw new UserError("NOT_FOUND", "This staff member no longer exists. Reload the page.");
  return user;
}

/** Agents and managers need an existing store; admins have none. An unknown store reads "Choose a store." */
export async function resolveStore(tx: Tx, role: string, storeId: string): Promise<string | null> {
  if (role === "ADMIN") return null;
  const store = storeId ? await tx.store.findUnique({ where: { id: storeId }, select: { id: true } }) : null;
  if (!store) throw new UserError("UNKNOWN_STORE", STORE_REQUIRED_MESSAGE, { field: "storeId" });
  return store.id;
}

/** Prisma's unique-constraint violation (a parallel request took the email first). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
