import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getStoreSettings, updateStoreSettings } from "@/lib/stores/settings";
import { storeSettingsSchema } from "@/lib/validation/store-settings";
import { DATABASE_KINDS, type TestDatabase } from "../support/database";
import { freshStore } from "./helpers";

describe.each(DATABASE_KINDS)("store follow-up settings on $kind", ({ create }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(async () => {
    await t.drop();
  });

  it("managers change their own store's settings, admins any store; every change is in the audit log", async () => {
    {
      const mine = await freshStore(t.db);
      const theirs = await freshStore(t.db);
      expect(await getStoreSettings(t.db, mine.manager, mine.store.id)).toMatchObject({ unpaidAfterMinutes: 30, reminderDelayMinutes: 240, remindersDefaultOn: false });

      const values = storeSettingsSchema.parse({ unpaidAfterMinutes: "45", reminderDelayMinutes: "120", remindersDefaultOn: true });
      await updateStoreSettings(t.db, mine.manager, mine.store.id, values);
      expect(await getStoreSettings(t.db, mine.admin, mine.store.id)).toMatchObject(values);
      const entry = await t.db.auditEntry.findFirstOrThrow({ where: { storeId: mine.store.id, action: "store.settings_updated" } });
      expect(entry).toMatchObject({ actorId: mine.manager.userId, targetType: "store", targetId: mine.store.id });
      expect(entry.detail).toEqual({ unpaidAfterMinutes: { from: 30, to: 45 }, reminderDelayMinutes: { from: 240, to: 120 }, remindersDefaultOn: { from: false, to: true } });

      await expect(updateStoreSettings(t.db, mine.manager, theirs.store.id, values)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(updateStoreSettings(t.db, mine.agent, mine.store.id, values)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await updateStoreSettings(t.db, mine.admin, theirs.store.id, values);
      expect(await t.db.auditEntry.count({ where: { action: "store.settings_updated" } })).toBe(2);
      expect(storeSettingsSchema.safeParse({ unpaidAfterMinutes: "1", reminderDelayMinutes: "x", remindersDefaultOn: false }).success).toBe(false);
    }
  });
});
