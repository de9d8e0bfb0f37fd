import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeOwnPassword } from "@/lib/account/change-password";
import { AuthorizationError } from "@/lib/auth/authorize";
import { hashPassword } from "@/lib/auth/password";
import { startSignInSession, liveSessionUserId } from "@/lib/auth/sign-in-sessions";
import { createStaffMember } from "@/lib/staff/create-staff-member";
import { resetStaffPassword } from "@/lib/staff/reset-staff-password";
import { setPasswordWithLink } from "@/lib/staff/set-password-with-link";
import { setStaffDisabled } from "@/lib/staff/set-staff-disabled";
import { updateStaffMember } from "@/lib/staff/update-staff-member";
import { createStore, deleteStore, updateStore } from "@/lib/stores/save-store";
import { createStaffSchema, updateStaffSchema } from "@/lib/validation/staff";
import { storeSchema } from "@/lib/validation/store";
import { DATABASE_KINDS, type TestDatabase } from "../support/database";
import { createStoreWithStaff } from "../support/fixtures";
import { actorOf, LIFETIME } from "./helpers";

const STORE = { name: "Gothenburg", country: "se", currency: "sek", locale: "sv-SE", timeZone: "Europe/Stockholm", provider: "KUSTOM", taxRatePercent: "25" };

describe.each(DATABASE_KINDS)("staff and store administration ($kind)", ({ create }) => {
  let t: TestDatabase;
  let home: Awaited<ReturnType<typeof createStoreWithStaff>>;
  let away: Awaited<ReturnType<typeof createStoreWithStaff>>;
  let n = 0;

  beforeAll(async () => {
    t = await create();
    home = await createStoreWithStaff(t.db);
    away = await createStoreWithStaff(t.db);
  });
  afterAll(() => t.drop());

  const admin = () => actorOf(home.admin);
  const manager = () => actorOf(home.manager);
  const email = () => `person.${++n}@x.test`;
  const lastAudit = () => t.db.auditEntry.findFirstOrThrow({ orderBy: { createdAt: "desc" } });

  it("records an audit entry (who, what, whom) for every staff action", async () => {
    const { userId } = await createStaffMember(t.db, admin(), { name: "Ann", email: email(), role: "AGENT", storeId: home.store.id });
    expect(await lastAudit()).toMatchObject({ actorId: home.admin.id, action: "user.created", targetType: "user", targetId: userId, storeId: home.store.id });
    await updateStaffMember(t.db, admin(), userId, { name: "Ann B", role: "AGENT", storeId: home.store.id });
    expect(await lastAudit()).toMatchObject({ action: "user.updated", targetId: userId, detail: { changes: { name: { from: "Ann", to: "Ann B" } } } });
    await setStaffDisabled(t.db, admin(), userId, true);
    expect(await lastAudit()).toMatchObject({ action: "user.disabled", targetId: userId });
    await setStaffDisabled(t.db, admin(), userId, false);
    expect(await lastAudit()).toMatchObject({ action: "user.enabled", targetId: userId });
    const token = await resetStaffPassword(t.db, admin(), userId);
    expect(await lastAudit()).toMatchObject({ action: "user.password_reset_issued", targetId: userId });
    await setPasswordWithLink(t.db, token, "first own passphrase");
    expect(await lastAudit()).toMatchObject({ actorId: userId, action: "user.password_set", targetId: userId });
    const ann = { id: userId, email: "", name: "Ann B", role: "AGENT" as const, storeId: home.store.id };
    await changeOwnPassword(t.db, actorOf(ann), { currentPassword: "first own passphrase", password: "second own passphrase" });
    expect(await lastAudit()).toMatchObject({ actorId: userId, action: "user.password_changed", targetId: userId });
    const entries = await t.db.auditEntry.findMany({ where: { targetId: userId } });
    expect(JSON.stringify(entries)).not.toMatch(/passphrase|\$argon2/);
  });

  it("records an audit entry for every store action, and the log cannot be rewritten", async () => {
    const storeId = await createStore(t.db, admin(), storeSchema.parse(STORE));
    expect(await lastAudit()).toMatchObject({ action: "store.created", targetType: "store", targetId: storeId });
    await updateStore(t.db, admin(), storeId, storeSchema.parse({ ...STORE, taxRatePercent: "12.5" }));
    expect(await lastAudit()).toMatchObject({ action: "store.updated", detail: { changes: { standardTaxRate: { from: 2500, to: 1250 } } } });
    await deleteStore(t.db, admin(), storeId);
    expect(await lastAudit()).toMatchObject({ action: "store.deleted", targetId: storeId, detail: { name: "Gothenburg" } });
    const count = await t.db.auditEntry.count();
    await t.db.auditEntry.deleteMany({});
    await t.db.auditEntry.updateMany({ data: { action: "forged" } });
    expect(await t.db.auditEntry.count()).toBe(count);
    expect(await t.db.auditEntry.count({ where: { action: "forged" } })).toBe(0);
  });

  it("refuses to delete a store that has payment links", async () => {
    const storeId = await createStore(t.db, admin(), storeSchema.parse({ ...STORE, name: "With links" }));
    await t.db.paymentSession.create({
      data: {
        storeId, createdById: home.admin.id, provider: "KUSTOM", idempotencyKey: crypto.randomUUID(), merchantReference: "R1", amount: 100, taxAmount: 20,
        currency: "SEK", locale: "sv-SE", purchaseCountry: "SE", orderLines: [], callbackSecretHash: "x", callbackNonce: "y",
      },
    });
    await expect(deleteStore(t.db, admin(), storeId)).rejects.toMatchObject({ code: "HAS_PAYMENT_LINKS" });
    expect(await t.db.store.count({ where: { id: storeId } })).toBe(1);
  });

  it("lets managers add, disable and reset the agents of their own store, and nothing else", async () => {
    const { userId } = await createStaffMember(t.db, manager(), { name: "Own agent", email: email(), role: "AGENT", storeId: home.store.id });
    await setStaffDisabled(t.db, manager(), userId, true);
    await setStaffDisabled(t.db, manager(), userId, false);
    await resetStaffPassword(t.db, manager(), userId);
    const refused = [
      createStaffMember(t.db, manager(), { name: "x", email: email(), role: "MANAGER", storeId: home.store.id }),
      createStaffMember(t.db, manager(), { name: "x", email: email(), role: "AGENT", storeId: away.store.id }),
      createStaffMember(t.db, manager(), { name: "x", email: email(), role: "ADMIN", storeId: "" }),
      setStaffDisabled(t.db, manager(), away.agent.id, true),
      resetStaffPassword(t.db, manager(), away.agent.id),
      resetStaffPassword(t.db, manager(), home.admin.id),
      updateStaffMember(t.db, manager(), userId, { name: "Renamed", role: "AGENT", storeId: home.store.id }),
      setStaffDisabled(t.db, actorOf(home.agent), userId, true),
    ];
    for (const attempt of await Promise.allSettled(refused)) {
      expect(attempt.status).toBe("rejected");
      expect((attempt as PromiseRejectedResult).reason).toBeInstanceOf(AuthorizationError);
    }
    expect(await t.db.user.findUniqueOrThrow({ where: { id: away.agent.id } })).toMatchObject({ disabled: false });
  });

  it("keeps an admin from disabling themself or changing their own role", async () => {
    await expect(setStaffDisabled(t.db, admin(), home.admin.id, true)).rejects.toMatchObject({ code: "OWN_ACCOUNT" });
    await expect(updateStaffMember(t.db, admin(), home.admin.id, { name: "A", role: "AGENT", storeId: home.store.id })).rejects.toMatchObject({ code: "OWN_ROLE", field: "role" });
  });

  it("bad input gets a field error and nothing is stored", async () => {
    const before = await t.db.user.count();
    const bad = (input: Record<string, unknown>) => createStaffSchema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(bad({ name: "", email: "x@y.test", role: "AGENT", storeId: "s" })).toEqual(["name: Enter a name."]);
    expect(bad({ name: "Ann", email: "not-an-email", role: "AGENT", storeId: "s" })).toEqual(["email: Enter a valid email address, e.g. name@example.com."]);
    expect(bad({ name: "Ann", email: "a@b.test", role: "AGENT", storeId: "" })).toEqual(["storeId: Choose a store."]);
    expect(bad({ name: "Ann", email: "a@b.test", role: "OWNER", storeId: "s" })).toEqual(["role: Choose a role."]);
    expect(bad({ name: "B2-U\u200B\u202Enigiro", email: "a@b.test", role: "AGENT", storeId: "s" })).toEqual(["name: Remove the invisible or direction-changing characters."]);
    expect(updateStaffSchema.safeParse({ name: "Ann", role: "MANAGER", storeId: "" }).success).toBe(false);
    // An unknown store reads "Choose a store", not an internal error.
    await expect(createStaffMember(t.db, admin(), { name: "Ann", email: email(), role: "AGENT", storeId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({
      code: "UNKNOWN_STORE", field: "storeId", message: "Choose a store.",
    });
    const taken = await t.db.user.findUniqueOrThrow({ where: { id: home.agent.id } });
    await expect(createStaffMember(t.db, admin(), { name: "Dup", email: taken.email, role: "AGENT", storeId: home.store.id })).rejects.toMatchObject({ code: "EMAIL_TAKEN", field: "email" });
    expect(await t.db.user.count()).toBe(before);
    const store = (input: Record<string, unknown>) => storeSchema.safeParse({ ...STORE, ...input }).error?.issues[0]?.path[0];
    expect(store({ country: "SWE" })).toBe("country");
    expect(store({ currency: "KR" })).toBe("currency");
    expect(store({ timeZone: "Mars/Olympus" })).toBe("timeZone");
    expect(store({ taxRatePercent: "101" })).toBe("taxRatePercent");
    expect(store({ taxRatePercent: "12.345" })).toBe("taxRatePercent");
    expect(store({ name: "Evil\u202Eeman" })).toBe("name");
    await expect(createStore(t.db, admin(), storeSchema.parse({ ...STORE, name: home.store.name }))).rejects.toMatchObject({ code: "NAME_TAKEN", field: "name" });
  });

  it("changing your own password keeps this session and ends the others; a wrong current password changes nothing", async () => {
    const passwordHash = await hashPassword("current passphrase 1");
    const user = await t.db.user.create({ data: { email: email(), name: "Self", role: "AGENT", storeId: home.store.id, passwordHash } });
    const here = await startSignInSession(t.db, user.id, LIFETIME);
    const there = await startSignInSession(t.db, user.id, LIFETIME);
    const me = actorOf(user, here);
    await expect(changeOwnPassword(t.db, me, { currentPassword: "wrong", password: "a brand new passphrase" })).rejects.toMatchObject({ field: "currentPassword" });
    await expect(changeOwnPassword(t.db, me, { currentPassword: "current passphrase 1", password: "123qweasdzxc" })).rejects.toMatchObject({ code: "COMMON_PASSWORD" });
    expect(await liveSessionUserId(t.db, there, LIFETIME)).toBe(user.id);
    await changeOwnPassword(t.db, me, { currentPassword: "current passphrase 1", password: "a brand new passphrase" });
    expect(await liveSessionUserId(t.db, here, LIFETIME)).toBe(user.id);
    expect(await liveSessionUserId(t.db, there, LIFETIME)).toBeNull();
  });
});
