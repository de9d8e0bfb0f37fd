import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "@/lib/actions/user-error";
import { checkCredentials } from "@/lib/auth/credentials";
import { createStaffMember } from "@/lib/staff/create-staff-member";
import { hashToken, PASSWORD_LINK_TTL_MS, passwordLinkState, passwordLinkUrl } from "@/lib/staff/password-links";
import { resetStaffPassword } from "@/lib/staff/reset-staff-password";
import { setPasswordWithLink } from "@/lib/staff/set-password-with-link";
import { DATABASE_KINDS, type TestDatabase } from "../support/database";
import { createStoreWithStaff } from "../support/fixtures";
import { actorOf } from "./helpers";

const NEW_PASSWORD = "purple elephants dance quietly";

describe.each(DATABASE_KINDS)("one-time set-password links ($kind)", ({ create }) => {
  let t: TestDatabase;
  let staff: Awaited<ReturnType<typeof createStoreWithStaff>>;
  let n = 0;

  beforeAll(async () => {
    t = await create();
    staff = await createStoreWithStaff(t.db);
  });
  afterAll(() => t.drop());

  const newAgent = (now?: Date) =>
    createStaffMember(t.db, actorOf(staff.admin), { name: "New Agent", email: `new.${++n}@x.test`, role: "AGENT", storeId: staff.store.id }, now);

  it("lets the person set a password once and then sign in with it", async () => {
    const { token, userId } = await newAgent();
    const email = (await t.db.user.findUniqueOrThrow({ where: { id: userId } })).email;
    expect(await checkCredentials(t.db, email, NEW_PASSWORD)).toEqual({ ok: false, reason: "INVALID" });
    expect(await passwordLinkState(t.db, token)).toBe("valid");
    await setPasswordWithLink(t.db, token, NEW_PASSWORD);
    expect((await checkCredentials(t.db, email, NEW_PASSWORD)).ok).toBe(true);
    expect(await passwordLinkState(t.db, token)).toBe("used");
    await expect(setPasswordWithLink(t.db, token, "another fine passphrase")).rejects.toMatchObject({ code: "LINK_USED" });
    expect((await checkCredentials(t.db, email, NEW_PASSWORD)).ok).toBe(true);
  });

  it("stores only a SHA-256 of the token, never the token or the link", async () => {
    const { token, userId } = await newAgent();
    const rows = await t.db.passwordToken.findMany({ where: { userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(passwordLinkUrl("https://portal.example", token)).toBe(`https://portal.example/set-password/${token}`);
  });

  it("expires after 24 hours", async () => {
    const issued = new Date(Date.now() - PASSWORD_LINK_TTL_MS - 1000);
    const { token } = await newAgent(issued);
    expect(await passwordLinkState(t.db, token, new Date(issued.getTime() + PASSWORD_LINK_TTL_MS - 1000))).toBe("valid");
    expect(await passwordLinkState(t.db, token)).toBe("expired");
    await expect(setPasswordWithLink(t.db, token, NEW_PASSWORD)).rejects.toMatchObject({ code: "LINK_EXPIRED" });
  });

  it("is spent by exactly one of two parallel uses", async () => {
    const { token } = await newAgent();
    const results = await Promise.allSettled([setPasswordWithLink(t.db, token, NEW_PASSWORD), setPasswordWithLink(t.db, token, "a different passphrase")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(UserError);
  });

  it("a reset link replaces the earlier one, which stops working", async () => {
    const { token: first, userId } = await newAgent();
    const second = await resetStaffPassword(t.db, actorOf(staff.admin), userId);
    expect(await passwordLinkState(t.db, first)).toBe("expired");
    expect(await passwordLinkState(t.db, second)).toBe("valid");
  });

  it("says plainly when a link is unknown, and refuses a common or short password without spending the link", async () => {
    expect(await passwordLinkState(t.db, "not-a-real-token")).toBe("unknown");
    await expect(setPasswordWithLink(t.db, "not-a-real-token", NEW_PASSWORD)).rejects.toMatchObject({ code: "LINK_UNKNOWN" });
    const { token } = await newAgent();
    await expect(setPasswordWithLink(t.db, token, "password1234")).rejects.toMatchObject({ code: "COMMON_PASSWORD", field: "password" });
    expect(await passwordLinkState(t.db, token)).toBe("valid");
  });
});
