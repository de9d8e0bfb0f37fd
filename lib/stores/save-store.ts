import { UserError } from "@/lib/actions/user-error";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/authorize";
import type { Db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/staff/target";
import type { StoreValues } from "@/lib/validation/store";

const NAME_TAKEN = new UserError("NAME_TAKEN", "Another store already has this name.", { field: "name" });

function columns(input: StoreValues) {
  const { taxRatePercent, ...rest } = input;
  return { ...rest, standardTaxRate: Math.round(taxRatePercent * 100) };
}

/** Adds a store (admins only; the action's rule checks the role). */
export async function createStore(db: Db, actor: Actor, input: StoreValues): Promise<string> {
  try {
    return await db.$transaction(async (tx) => {
      const store = await tx.store.create({ data: columns(input), select: { id: true } });
      await recordAudit(tx, { actorId: actor.userId, action: "store.created", targetType: "store", targetId: store.id, storeId: store.id, detail: columns(input) });
      return store.id;
    });
  } catch (error) {
    throw isUniqueViolation(error) ? NAME_TAKEN : error;
  }
}

/** Edits a store; the audit entry lists what changed. */
export async function updateStore(db: Db, actor: Actor, storeId: string, input: StoreValues): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      const before = await tx.store.findUnique({ where: { id: storeId }, select: { name: true, country: true, currency: true, locale: true, timeZone: true, provider: true, standardTaxRate: true } });
      if (!before) throw new UserError("NOT_FOUND", "This store no longer exists. Reload the page.");
      const after = columns(input);
      const changes = Object.fromEntries(
        (Object.keys(after) as (keyof typeof after)[]).filter((key) => before[key] !== after[key]).map((key) => [key, { from: before[key], to: after[key] }]),
      );
      if (Object.keys(changes).length === 0) return;
      await tx.store.update({ where: { id: storeId }, data: after });
      await recordAudit(tx, { actorId: actor.userId, action: "store.updated", targetType: "store", targetId: storeId, storeId, detail: { changes } });
    });
  } catch (error) {
    throw isUniqueViolation(error) ? NAME_TAKEN : error;
  }
}

/** Deletes a store that has never had payment links or staff; anything else is kept as history. */
export async function deleteStore(db: Db, actor: Actor, storeId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const store = await tx.store.findUnique({ where: { id: storeId }, select: { name: true, _count: { select: { sessions: true, users: true } } } });
    if (!store) throw new UserError("NOT_FOUND", "This store no longer exists. Reload the page.");
    if (store._count.sessions > 0) throw new UserError("HAS_PAYMENT_LINKS", "This store has payment links, so it can't be deleted: they are its history.");
    if (store._count.users > 0) throw new UserError("HAS_STAFF", "Move or disable this store's staff before deleting it.");
    await tx.store.delete({ where: { id: storeId } });
    await recordAudit(tx, { actorId: actor.userId, action: "store.deleted", targetType: "store", targetId: storeId, detail: { name: store.name } });
  });
}
