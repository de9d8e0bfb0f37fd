import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signOut, signOutEverywhere } from "@/lib/account/sign-out";
import { hashPassword } from "@/lib/auth/password";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { liveSessionUser, liveSessionUserId, startSignInSession } from "@/lib/auth/sign-in-sessions";
import { resetStaffPassword } from "@/lib/staff/reset-staff-password";
import { setStaffDisabled } from "@/lib/staff/set-staff-disabled";
import { updateStaffMember } from "@/lib/staff/update-staff-member";
import { DATABASE_KINDS, type TestDatabase } from "../support/database";
import { createStoreWithStaff } from "../support/fixtures";
import { actorOf, LIFETIME } from "../staff/helpers";

const PASSWORD = "a long enough passphrase";

describe.each(DATABASE_KINDS)("sign-in sessions end on the server ($kind)", ({ create }) => {
  let t: TestDatabase;
  let staff: Awaited<ReturnType<typeof createStoreWithStaff>>;
  let otherStoreId: string;

  beforeAll(async () => {
    t = await create();
    staff = await createStoreWithStaff(t.db);
    otherStoreId = (await createStoreWithStaff(t.db)).store.id;
    await t.db.user.updateMany({ data: { passwordHash: await hashPassword(PASSWORD) } });
  });
  afterAll(() => t.drop());

  /** The session's user id, as both readers decide it: the id alone, and the user with the session (what pages use). */
  const live = async (sessionId: string, now?: Date) => {
    const userId = await liveSessionUserId(t.db, sessionId, LIFETIME, { now, touch: false });
    const user = await liveSessionUser(t.db, sessionId, LIFETIME, { now, touch: false });
    expect(user?.id ?? null).toBe(userId);
    return userId;
  };
  const signIn = async (email: string) => {
    const result = await signInWithPassword(t.db, { email, password: PASSWORD, address: "10.0.0.1" }, LIFETIME);
    if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
    return result.sessionId;
  };

  it("a password sign-in opens a live session and records the last sign-in", async () => {
    const sessionId = await signIn(staff.agent.email);
    expect(await live(sessionId)).toBe(staff.agent.id);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: staff.agent.id } })).lastSignInAt).not.toBeNull();
  });

  it("sign-out ends that session only: the same cookie is refused afterwards, other devices keep theirs", async () => {
    const here = await signIn(staff.agent.email);
    const elsewhere = await signIn(staff.agent.email);
    await signOut(t.db, actorOf(staff.agent, here));
    expect(await live(here)).toBeNull();
    expect(await live(elsewhere)).toBe(staff.agent.id);
  });

  it("sign out of all devices ends every session of the user, and is audited", async () => {
    const a = await signIn(staff.agent.email);
    const b = await signIn(staff.agent.email);
    await signOutEverywhere(t.db, actorOf(staff.agent, a));
    expect([await live(a), await live(b)]).toEqual([null, null]);
    expect(await t.db.auditEntry.count({ where: { action: "user.signed_out_everywhere", targetId: staff.agent.id } })).toBe(1);
  });

  it("disabling a user ends their sessions", async () => {
    const sessionId = await signIn(staff.agent.email);
    await setStaffDisabled(t.db, actorOf(staff.admin), staff.agent.id, true);
    expect(await live(sessionId)).toBeNull();
    await setStaffDisabled(t.db, actorOf(staff.admin), staff.agent.id, false);
    expect(await live(sessionId)).toBeNull();
  });

  it("resetting a password ends their sessions and the old password stops working", async () => {
    const sessionId = await signIn(staff.manager.email);
    await resetStaffPassword(t.db, actorOf(staff.admin), staff.manager.id);
    expect(await live(sessionId)).toBeNull();
    const again = await signInWithPassword(t.db, { email: staff.manager.email, password: PASSWORD, address: "10.0.0.1" }, LIFETIME);
    expect(again).toEqual({ ok: false, reason: "INVALID" });
  });

  it("a role change or a store change ends their sessions; a name change does not", async () => {
    const byAdmin = actorOf(staff.admin);
    const first = await signIn(staff.agent.email);
    await updateStaffMember(t.db, byAdmin, staff.agent.id, { name: "Renamed", role: "AGENT", storeId: staff.store.id });
    expect(await live(first)).toBe(staff.agent.id);
    await updateStaffMember(t.db, byAdmin, staff.agent.id, { name: "Renamed", role: "MANAGER", storeId: staff.store.id });
    expect(await live(first)).toBeNull();
    const second = await signIn(staff.agent.email);
    await updateStaffMember(t.db, byAdmin, staff.agent.id, { name: "Renamed", role: "MANAGER", storeId: otherStoreId });
    expect(await live(second)).toBeNull();
  });

  it("ends after the idle timeout without use, and at the absolute lifetime however active", async () => {
    const start = new Date("2026-01-01T08:00:00Z");
    const sessionId = await startSignInSession(t.db, staff.admin.id, LIFETIME, start);
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    expect(await live(sessionId, at(59))).toBe(staff.admin.id);
    expect(await live(sessionId, at(61))).toBeNull();
    // Used every 50 minutes: the idle clock restarts, the absolute one does not.
    const busy = await startSignInSession(t.db, staff.admin.id, LIFETIME, start);
    for (let minute = 50; minute < 12 * 60; minute += 50) {
      expect(await liveSessionUserId(t.db, busy, LIFETIME, { now: at(minute) })).toBe(staff.admin.id);
    }
    expect(await liveSessionUserId(t.db, busy, LIFETIME, { now: at(12 * 60) })).toBeNull();
  });

  it("reads the user with the session: role, store and whether disabled", async () => {
    const sessionId = await startSignInSession(t.db, staff.manager.id, LIFETIME);
    expect(await liveSessionUser(t.db, sessionId, LIFETIME, { touch: false })).toMatchObject({
      id: staff.manager.id,
      role: "MANAGER",
      storeId: staff.store.id,
      store: { name: staff.store.name, country: staff.store.country, locale: staff.store.locale },
      disabled: false,
    });
  });

  it("refuses an unknown session id", async () => {
    expect(await live("00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
