import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, type TestDatabase } from "../support/database";
import { createStoreWithStaff } from "../support/fixtures";
import { insertLink } from "./links";

const MIGRATIONS = path.join(process.cwd(), "prisma", "migrations");
/** A migration's backfill of links that existed before it: its one UPDATE statement. */
const backfillOf = (suffix: string) =>
  readFileSync(path.join(MIGRATIONS, readdirSync(MIGRATIONS).find((name) => name.endsWith(suffix))!, "migration.sql"), "utf8")
    .split("\n")
    .find((line) => line.startsWith('UPDATE "PaymentSession"'))!;
const BACKFILLS = [backfillOf("_last_send"), backfillOf("_send_failed")];

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
  const lastOf = (id: string) => t.db.paymentSession.findUniqueOrThrow({ where: { id }, select: { lastChannel: true, lastSendOutcome: true, sendFailed: true } });

  it("is the latest send that reached the customer, else the latest attempt, and whether any failed; nothing without sends", async () => {
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
      [sentThenFailed.id, { lastChannel: "SMS", lastSendOutcome: "SENT", sendFailed: true }],
      [twoSent.id, { lastChannel: "EMAIL", lastSendOutcome: "SENT", sendFailed: false }],
      [neverSent.id, { lastChannel: "QR", lastSendOutcome: "PENDING", sendFailed: true }],
      [none.id, { lastChannel: null, lastSendOutcome: null, sendFailed: false }],
    ]);
    for (const [id, last] of expected) expect(await lastOf(id)).toEqual(last);

    // The migrations fill in links recorded before them by the same rule.
    await t.db.$executeRaw`UPDATE "PaymentSession" SET "lastChannel" = NULL, "lastSendOutcome" = NULL, "sendFailed" = false`;
    for (const backfill of BACKFILLS) {
      expect(backfill).toContain("SET");
      await t.db.$executeRawUnsafe(backfill);
    }
    for (const [id, last] of expected) expect(await lastOf(id)).toEqual(last);
  });
});
