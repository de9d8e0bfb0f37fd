import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, type TestDatabase } from "../support/database";
import { createStoreWithStaff } from "../support/fixtures";
import { insertLink } from "./links";

const MIGRATIONS = path.join(process.cwd(), "prisma", "migrations");
const LAST_SEND_MIGRATION = readdirSync(MIGRATIONS).find((name) => name.endsWith("_last_send"))!;
/** The migration's backfill of links that existed before it: its one UPDATE statement. */
const BACKFILL = readFileSync(path.join(MIGRATIONS, LAST_SEND_MIGRATION, "migration.sql"), "utf8")
  .split("\n")
  .find((line) => line.startsWith('UPDATE "PaymentSession"'))!;

describe.each(DATABASE_KINDS)("a link's stored last send on $kind", ({ create }) => {
  let t: TestDatabase;
  let staff: Awaited<ReturnType<typeof createStoreWithStaff>>;
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1, 12, minutes));

  beforeAll(async () => {
    t = await create();
    staff = await createStoreWithStaff(t.db);
  });
  afterAll(async () => {
    await t.drop();
  });

  const link = (sends: Parameters<typeof insertLink>[1]["sends"]) =>
    insertLink(t.db, { storeId: staff.store.id, createdById: staff.agent.id, createdAt: at(0), sends });
  const lastOf = (id: string) => t.db.paymentSession.findUniqueOrThrow({ where: { id }, select: { lastChannel: true, lastSendOutcome: true } });

  it("is the latest send that reached the customer, else the latest attempt; nothing without sends", async () => {
    const sentThenFailed = await link([
      { channel: "SMS", outcome: "SENT", at: at(1) },
      { channel: "EMAIL", outcome: "FAILED", at: at(2) },
    ]);
    const twoSent = await link([
      { channel: "SMS", outcome: "SENT", at: at(1) },
      { channel: "EMAIL", outcome: "SENT", at: at(2) },
    ]);
    const neverSent = await link([
      { channel: "SMS", outcome: "FAILED", at: at(1) },
      { channel: "QR", outcome: "PENDING", at: at(2) },
    ]);
    const none = await link([]);
    const expected = new Map([
      [sentThenFailed.id, { lastChannel: "SMS", lastSendOutcome: "SENT" }],
      [twoSent.id, { lastChannel: "EMAIL", lastSendOutcome: "SENT" }],
      [neverSent.id, { lastChannel: "QR", lastSendOutcome: "PENDING" }],
      [none.id, { lastChannel: null, lastSendOutcome: null }],
    ]);
    for (const [id, last] of expected) expect(await lastOf(id)).toEqual(last);

    // The migration fills in links recorded before it by the same rule.
    await t.db.$executeRaw`UPDATE "PaymentSession" SET "lastChannel" = NULL, "lastSendOutcome" = NULL`;
    expect(BACKFILL).toContain("SET");
    await t.db.$executeRawUnsafe(BACKFILL);
    for (const [id, last] of expected) expect(await lastOf(id)).toEqual(last);
  });
});
