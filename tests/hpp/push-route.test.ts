import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db";
import { callbackSecret } from "@/lib/payment-links/callback-secret";
import { createPgliteDatabase, type TestDatabase } from "../support/database";
import { createStoreWithStaff } from "../support/fixtures";
import { SandboxControl, startSandbox, type RunningSandbox } from "../support/sandbox";

const AUTH_SECRET = "push-route-test-secret-0123456789abcdef";
const PORTAL_URL = "http://127.0.0.1:9";

let sandbox: RunningSandbox;
let control: SandboxControl;
let database: TestDatabase;
let POST: (request: Request) => Promise<Response>;
let session: { id: string; providerOrderId: string; secret: string; pushUrl: string };

function push(query: string): Promise<Response> {
  return POST(new Request(`${PORTAL_URL}/api/hpp/kustom/push?${query}`, { method: "POST" }));
}

beforeAll(async () => {
  sandbox = await startSandbox();
  control = new SandboxControl(sandbox.url);
  database = await createPgliteDatabase();
  // The route reads its configuration and database the way production does: env and the process-wide client.
  Object.assign(process.env, { KUSTOM_API_URL: sandbox.url, AUTH_SECRET, PORTAL_PUBLIC_URL: PORTAL_URL, DATABASE_URL: database.url });
  (globalThis as { portalDb?: Db }).portalDb = database.db;
  ({ POST } = await import("@/app/api/hpp/kustom/push/route"));
  const { createPaymentLink } = await import("@/lib/payment-links/create");
  const { linkDeps } = await import("@/lib/payment-links/deps");

  const staff = await createStoreWithStaff(database.db);
  const actor = { userId: staff.agent.id, email: staff.agent.email, name: staff.agent.name, role: staff.agent.role, storeId: staff.store.id, storeName: null };
  const { linkId: sessionId } = await createPaymentLink(linkDeps(), actor, staff.store, {
    idempotencyKey: randomUUID(),
    lines: [{ name: "Desk lamp", quantity: 1, unitPrice: 34_950, taxRate: 2500 }],
    customer: {},
    channel: "qr",
  });
  const row = await database.db.paymentSession.findUniqueOrThrow({ where: { id: sessionId }, select: { providerOrderId: true, orderUrl: true, callbackNonce: true } });
  const order = (await (await fetch(row.orderUrl!, { headers: { Authorization: `Basic ${Buffer.from("sandbox-merchant:sandbox-secret").toString("base64")}` } })).json()) as {
    merchant_urls: { push: string };
  };
  session = {
    id: sessionId,
    providerOrderId: row.providerOrderId!,
    secret: callbackSecret(AUTH_SECRET, sessionId, row.callbackNonce),
    pushUrl: order.merchant_urls.push.replace("{checkout.order.id}", row.providerOrderId!),
  };
});

afterAll(async () => {
  await sandbox.close();
  await database.drop();
});

beforeEach(async () => {
  await control.reset();
  await database.db.paymentSession.update({ where: { id: session.id }, data: { lastSyncedAt: null } });
});

describe("POST /api/hpp/kustom/push", () => {
  it("refuses a push without the session's secret: no lookup at the provider", async () => {
    for (const query of [
      `order_id=${session.providerOrderId}`,
      `order_id=${session.providerOrderId}&ref=${session.id}`,
      `order_id=${session.providerOrderId}&ref=${session.id}&secret=wrong`,
      `order_id=${session.providerOrderId}&ref=${randomUUID()}&secret=${session.secret}`,
      `order_id=${randomUUID()}&ref=${session.id}&secret=${session.secret}`,
    ]) {
      expect((await push(query)).status, query).toBe(401);
    }
    expect(await control.requests("getSessionById")).toEqual([]);
  });

  it("accepts the push URL the Kustom client registered with the order, and keeps the rate limit", async () => {
    expect(session.pushUrl).toContain(`ref=${session.id}`);
    const first = await POST(new Request(session.pushUrl, { method: "POST" }));
    expect(first.status).toBe(204);
    expect(await control.requests("getSessionById")).toHaveLength(1);
    const again = await POST(new Request(session.pushUrl, { method: "POST" }));
    expect(again.status).toBe(204);
    expect(await control.requests("getSessionById")).toHaveLength(1);
  });
});
