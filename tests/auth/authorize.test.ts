import { describe, expect, it } from "vitest";
import { authorize, AuthorizationError, canAccessStore, storeScope, type Actor } from "@/lib/auth/authorize";

const actor = (role: Actor["role"], storeId: string | null): Actor => ({
  userId: `${role}-1`,
  email: `${role}@x.test`,
  name: role,
  role,
  storeId,
  storeName: storeId,
});

const agent = actor("AGENT", "stockholm");
const manager = actor("MANAGER", "stockholm");
const admin = actor("ADMIN", null);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof AuthorizationError ? error.code : "OTHER";
  }
}

describe("authorize: authenticate → role → store", () => {
  it("refuses a missing actor as unauthenticated", () => {
    expect(codeOf(() => authorize(null))).toBe("UNAUTHENTICATED");
  });

  it.each([
    ["AGENT", agent, ["ADMIN"], "FORBIDDEN"],
    ["MANAGER", manager, ["ADMIN"], "FORBIDDEN"],
    ["ADMIN", admin, ["ADMIN"], undefined],
    ["AGENT", agent, ["AGENT", "MANAGER"], undefined],
    ["MANAGER", manager, ["AGENT", "MANAGER"], undefined],
    ["ADMIN", admin, ["AGENT", "MANAGER"], "FORBIDDEN"],
  ] as const)("%s with roles %j → %s", (_name, who, roles, expected) => {
    expect(codeOf(() => authorize(who, { roles }))).toBe(expected);
  });

  it.each([
    ["agent, own store", agent, "stockholm", undefined],
    ["agent, other store", agent, "berlin", "FORBIDDEN"],
    ["manager, other store", manager, "berlin", "FORBIDDEN"],
    ["admin, any store", admin, "berlin", undefined],
  ] as const)("%s → %s", (_name, who, storeId, expected) => {
    expect(codeOf(() => authorize(who, { storeId }))).toBe(expected);
    expect(canAccessStore(who, storeId)).toBe(expected === undefined);
  });

  it("a user without a store cannot reach any store unless admin", () => {
    const orphan = actor("AGENT", null);
    expect(codeOf(() => authorize(orphan, { storeId: "stockholm" }))).toBe("FORBIDDEN");
    expect(codeOf(() => storeScope(orphan))).toBe("FORBIDDEN");
  });

  it("scopes queries to the actor's store, admins to all", () => {
    expect(storeScope(agent)).toEqual({ storeId: "stockholm" });
    expect(storeScope(admin)).toEqual({});
  });
});
