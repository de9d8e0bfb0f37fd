import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { storeForNewLink, storesToPick } from "@/lib/payment-links/access";
import { createPgliteDatabase, type TestDatabase } from "../support/database";
import { createStoreWithStaff } from "../support/fixtures";
import { actorOf } from "./harness";

let database: TestDatabase;
let staff: Awaited<ReturnType<typeof createStoreWithStaff>>;
let other: Awaited<ReturnType<typeof createStoreWithStaff>>;

beforeAll(async () => {
  database = await createPgliteDatabase();
  // The pages and actions read through the process-wide client, as in production.
  (globalThis as { portalDb?: Db }).portalDb = database.db;
  staff = await createStoreWithStaff(database.db);
  other = await createStoreWithStaff(database.db);
});
afterAll(async () => {
  delete (globalThis as { portalDb?: Db }).portalDb;
  await database.drop();
});

describe("the store a new payment link is for: one rule for the page and the action", () => {
  it("an admin names the store; an unknown or malformed one is no store (the action says Choose a store, never an internal error)", async () => {
    const admin = actorOf(staff.admin);
    expect(await storeForNewLink(admin, other.store.id)).toMatchObject({ id: other.store.id, currency: "SEK" });
    expect(await storeForNewLink(admin, randomUUID())).toBeNull();
    expect(await storeForNewLink(admin, "not-a-store")).toBeNull();
    expect(await storeForNewLink(admin, undefined)).toBeNull();
    expect((await storesToPick(admin)).map((s) => s.id)).toEqual(expect.arrayContaining([staff.store.id, other.store.id]));
  });

  it("everyone else always gets their own store, whatever the request names", async () => {
    const agent = actorOf(staff.agent);
    expect(await storeForNewLink(agent, other.store.id)).toMatchObject({ id: staff.store.id });
    expect(await storeForNewLink(agent, undefined)).toMatchObject({ id: staff.store.id });
    expect(await storesToPick(agent)).toEqual([]);
  });
});
