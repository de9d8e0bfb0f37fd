import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORT_COLUMNS, exportHistoryCsv } from "@/lib/payment-links/history/export";
import type { Actor } from "@/lib/auth/authorize";
import { DATABASE_KINDS, type TestDatabase } from "../support/database";
import { createStoreWithStaff } from "../support/fixtures";
import { actorOf, insertLink, params } from "./links";

/** A minimal RFC 4180 reader for the assertions: quoted fields, doubled quotes, CRLF or LF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") endField();
    else if (c === "\n") {
      endField();
      rows.push(row);
      row = [];
    } else if (c !== "\r") field += c;
  }
  return rows;
}

/** The bytes as sent, byte-order mark included (Response.text() would drop it). */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

describe.each(DATABASE_KINDS)("history CSV export on $kind", ({ create }) => {
  let t: TestDatabase;
  let staff: Awaited<ReturnType<typeof createStoreWithStaff>>;
  let other: Awaited<ReturnType<typeof createStoreWithStaff>>;
  let agent: Actor;
  let manager: Actor;

  beforeAll(async () => {
    t = await create();
    staff = await createStoreWithStaff(t.db);
    other = await createStoreWithStaff(t.db);
    agent = actorOf(staff.agent);
    manager = actorOf(staff.manager);
    const base = Date.parse("2026-05-01T08:00:00Z");
    await insertLink(t.db, {
      storeId: staff.store.id,
      createdById: staff.agent.id,
      createdAt: new Date(base),
      reference: "=HYPERLINK(\"http://x\")",
      amount: 149_550,
      status: "COMPLETED",
      statusChangedAt: new Date(base + 600_000),
      customerName: "@Anna, \"the\" Svensson",
      customerPhone: "+46701234567",
      customerEmail: "anna@example.com",
      sends: [{ channel: "SMS", outcome: "SENT" }],
    });
    await insertLink(t.db, { storeId: staff.store.id, createdById: staff.manager.id, createdAt: new Date(base + 60_000), reference: "-5+3", customerName: "Åsa Öberg" });
    await insertLink(t.db, { storeId: other.store.id, createdById: other.agent.id, createdAt: new Date(base + 120_000), reference: "OTHER-STORE" });
    // Enough rows to cross a batch, so the keyset between batches is exercised.
    await t.db.paymentSession.createMany({
      data: Array.from({ length: 1_005 }, (_, i) => ({
          storeId: staff.store.id, createdById: staff.agent.id, provider: "KUSTOM", idempotencyKey: `bulk-${i}-${staff.store.id}`, status: "EXPIRED",
          merchantReference: `BULK-${i}`, amount: 100, taxAmount: 20, currency: "SEK", locale: "sv-SE", purchaseCountry: "SE", orderLines: [],
          callbackSecretHash: "x", callbackNonce: "x", createdAt: new Date(Date.parse("2026-01-01T00:00:00Z") + i * 1000),
      })),
    });
  });
  afterAll(async () => {
    await t.drop();
  });

  it("streams a header and every selected row, neutralising formulas, with full contacts for a manager", async () => {
    const text = await readAll(await exportHistoryCsv(manager, params({ from: "2026-05-01" }), t.db));
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(text.slice(1));
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    expect(rows.slice(1).map((r) => r[1])).toEqual(["'-5+3", "'=HYPERLINK(\"http://x\")"]);
    const paid = rows[2]!;
    expect(paid).toEqual([
      "2026-05-01T08:00:00.000Z",
      "'=HYPERLINK(\"http://x\")",
      staff.store.name,
      "1495.50",
      "SEK",
      "Completed",
      "2026-05-01T08:10:00.000Z",
      "2026-05-08T08:00:00.000Z",
      "'@Anna, \"the\" Svensson",
      "'+46701234567",
      "anna@example.com",
      "SMS",
      staff.agent.name,
    ]);
    expect(rows[1]![8]).toBe("Åsa Öberg");
  });

  it("gives an agent masked contacts and only their store, and records every export", async () => {
    const text = await readAll(await exportHistoryCsv(agent, params({ from: "2026-05-01", store: other.store.id }), t.db));
    const rows = parseCsv(text.slice(1));
    expect(rows.map((r) => r[1])).not.toContain("OTHER-STORE");
    expect(rows).toHaveLength(3);
    expect(rows[2]![9]).toBe("'+46 70 ••• •• 67");
    expect(rows[2]![10]).toBe("a•••@example.com");
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { actorId: staff.agent.id, action: "sessions.exported" }, orderBy: { createdAt: "desc" } });
    expect(entry).toMatchObject({ targetType: "sessions", storeId: staff.store.id });
    expect(entry.detail).toEqual({ filters: { from: "2026-05-01", store: other.store.id }, rows: 2, completed: true, contacts: "masked" });
  });

  it("exports across batches with no row lost or repeated", async () => {
    const text = await readAll(await exportHistoryCsv(manager, params({ q: "BULK-" }), t.db));
    const refs = parseCsv(text.slice(1)).slice(1).map((r) => r[1]);
    expect(refs).toHaveLength(1_005);
    expect(new Set(refs).size).toBe(1_005);
    expect(refs[0]).toBe("BULK-1004");
    expect(refs.at(-1)).toBe("BULK-0");
    const entry = await t.db.auditEntry.findFirstOrThrow({ where: { actorId: staff.manager.id }, orderBy: { createdAt: "desc" } });
    expect(entry.detail).toMatchObject({ rows: 1_005, contacts: "full" });
  });
});
