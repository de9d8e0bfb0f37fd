import "server-only";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { recordAudit } from "@/lib/audit/record";
import { z } from "zod";
import { db as defaultDb, type Db } from "@/lib/db";
import type { StoreSettings } from "@/lib/validation/store-settings";

/** Who may change a store's follow-up settings: admins any store, managers their own. */
export const SETTINGS_ROLES = ["MANAGER", "ADMIN"] as const;

const SETTINGS_SELECT = { id: true, name: true, unpaidAfterMinutes: true, reminderDelayMinutes: true, remindersDefaultOn: true } as const;

export type StoreSettingsView = StoreSettings & { storeId: string; storeName: string };

/** The store's settings, if the actor may change them (role and store re-checked); null for an unknown store. */
export async function getStoreSettings(db: Db, actor: Actor, storeId: string): Promise<StoreSettingsView | null> {
  authorize(actor, { roles: SETTINGS_ROLES, storeId });
  const store = await db.store.findUnique({ where: { id: storeId }, select: SETTINGS_SELECT });
  if (!store) return null;
  const { id, name, ...settings } = store;
  return { storeId: id, storeName: name, ...settings };
}

/** Saves the settings and an audit entry with what changed, in one transaction. */
export async function updateStoreSettings(db: Db, actor: Actor, storeId: string, values: StoreSettings): Promise<void> {
  authorize(actor, { roles: SETTINGS_ROLES, storeId });
  await db.$transaction(async (tx) => {
    const before = await tx.store.findUniqueOrThrow({ where: { id: storeId }, select: SETTINGS_SELECT });
    await tx.store.update({ where: { id: storeId }, data: values });
    const changed = (Object.keys(values) as (keyof StoreSettings)[]).filter((key) => before[key] !== values[key]);
    if (changed.length === 0) return;
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "store.settings_updated",
      targetType: "store",
      targetId: storeId,
      storeId,
      detail: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: values[key] }])),
    });
  });
}

/** The settings page's reads and writes, on this process's database; unknown ids are refused as forbidden. */
export function loadStoreSettings(actor: Actor, storeId: string): Promise<StoreSettingsView | null> {
  if (!z.uuid().safeParse(storeId).success) return Promise.resolve(null);
  return getStoreSettings(defaultDb(), actor, storeId);
}

export function saveStoreSettings(actor: Actor, storeId: string, values: StoreSettings): Promise<void> {
  authorize(actor, { roles: SETTINGS_ROLES, storeId: z.uuid().parse(storeId) });
  return updateStoreSettings(defaultDb(), actor, storeId, values);
}
