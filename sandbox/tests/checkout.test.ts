import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/server";
import { basicAuth, Client, createOrder, createSession, obj, orderRequest, orderUrl, sessionStatus, str } from "./helpers";

let sandbox: Sandbox;
let client: Client;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0 });
  client = new Client(sandbox.url);
});

afterAll(async () => {
  await sandbox.close();
});

async function rejectedMessages(body: unknown): Promise<string[]> {
  const res = await client.post("/checkout/v3/orders", body);
  expect(res.status).toBe(400);
  const error = obj(res.json);
  expect(error.error_code).toBe("BAD_VALUE");
  expect(str(error.correlation_id)).toMatch(/^[0-9a-f-]{36}$/);
  return error.error_messages as string[];
}

function withLine(patch: Record<string, unknown>, overrides: Record<string, unknown> = {}) {
  const order = orderRequest(overrides);
  const lines = order.order_lines as Record<string, unknown>[];
  lines[0] = { ...lines[0], ...patch };
  return order;
}

describe("Checkout order validation", () => {
  it("rejects an order_amount that is not the sum of the line totals", async () => {
    expect(await rejectedMessages(orderRequest({ order_amount: 54_901 }))).toEqual(["Bad value: order_amount"]);
  });

  it("rejects an order_tax_amount that is not the sum of the line taxes", async () => {
    expect(await rejectedMessages(orderRequest({ order_tax_amount: 10_000 }))).toEqual(["Bad value: order_tax_amount"]);
  });

  it("accepts a line tax off by exactly 1 and rejects one off by 2", async () => {
    const offByOne = withLine({ total_tax_amount: 10_001 }, { order_tax_amount: 10_981 });
    expect((await client.post("/checkout/v3/orders", offByOne)).status).toBe(201);
    const offByTwo = withLine({ total_tax_amount: 10_002 }, { order_tax_amount: 10_982 });
    expect(await rejectedMessages(offByTwo)).toEqual(["Bad value: order_lines[0].total_tax_amount"]);
  });

  it("checks total_amount = quantity × unit_price − total_discount_amount", async () => {
    expect(await rejectedMessages(withLine({ total_amount: 49_000 }, { order_amount: 53_900 }))).toContain(
      "Bad value: order_lines[0].total_amount",
    );
    // 50000 − 5000 discount = 45000, tax at 25 % = 9000.
    const discounted = withLine(
      { total_discount_amount: 5_000, total_amount: 45_000, total_tax_amount: 9_000 },
      { order_amount: 49_900, order_tax_amount: 9_980 },
    );
    expect((await client.post("/checkout/v3/orders", discounted)).status).toBe(201);
  });

  it("reports every missing required field, top level and per line", async () => {
    const order = orderRequest();
    delete order.purchase_country;
    const lines = order.order_lines as Record<string, unknown>[];
    delete lines[1]?.unit_price;
    expect(await rejectedMessages(order)).toEqual([
      "Missing value: purchase_country",
      "Missing value: order_lines[1].unit_price",
    ]);
  });

  it("enforces patterns, integer types and limits", async () => {
    expect(await rejectedMessages(orderRequest({ locale: "swedish" }))).toEqual(["Bad value: locale"]);
    expect(await rejectedMessages(withLine({ tax_rate: 2500.5 }))).toEqual(["Bad value: order_lines[0].tax_rate"]);
    expect(await rejectedMessages(withLine({ quantity: -2, total_amount: -50_000 }))).toContain(
      "Bad value: order_lines[0].quantity",
    );
    expect(await rejectedMessages(withLine({ unit_price: 100_000_001 }))).toContain("Bad value: order_lines[0].unit_price");
  });

  it("rejects a body that is not a JSON object", async () => {
    expect(await rejectedMessages("{not json")).toEqual(["Bad value: body"]);
    expect(await rejectedMessages([1, 2])).toEqual(["Bad value: body"]);
  });
});

describe("Checkout order lifecycle", () => {
  it("creates an order with server-set fields and ignores read-only input", async () => {
    const order = await createOrder(client, orderRequest({ order_id: "mine", status: "checkout_complete", name: "Evil" }));
    expect(str(order.order_id)).toMatch(/^[0-9a-f-]{36}$/);
    expect(order).toMatchObject({ status: "checkout_incomplete", name: "Sandbox Merchant" });
    expect(str(order.html_snippet)).toContain(str(order.order_id));
    expect(str(order.started_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const read = await client.get(`/checkout/v3/orders/${str(order.order_id)}`);
    expect(read.json).toEqual(order);
  });

  it("keeps properties a partial update leaves out", async () => {
    const order = await createOrder(client);
    const res = await client.post(`/checkout/v3/orders/${str(order.order_id)}`, { merchant_reference2: "R2" });
    expect(res.status).toBe(200);
    expect(obj(res.json)).toMatchObject({ merchant_reference2: "R2", order_amount: 54_900, locale: "sv-SE" });
  });

  it("completes the order when its HPP session completes, making it read-only", async () => {
    const { orderId, sessionId } = await createSession(client);
    await client.control("POST", `/sandbox/sessions/${sessionId}/status`, { status: "COMPLETED" });
    const order = obj((await client.get(`/checkout/v3/orders/${orderId}`)).json);
    expect(order.status).toBe("checkout_complete");
    expect(typeof order.completed_at).toBe("string");
    const update = await client.post(`/checkout/v3/orders/${orderId}`, { merchant_reference1: "late" });
    expect(update.status).toBe(403);
    expect(obj(update.json)).toMatchObject({ error_code: "READ_ONLY_ORDER", error_messages: ["Resource is read-only"] });
  });

  it("abort disables the order's open HPP sessions and blocks new ones and updates", async () => {
    const { orderId, sessionId } = await createSession(client);
    expect((await client.post(`/checkout/v3/orders/${orderId}/abort`)).status).toBe(200);
    expect(await sessionStatus(client, sessionId)).toBe("DISABLED");
    expect((await client.post(`/checkout/v3/orders/${orderId}`, { merchant_reference1: "x" })).status).toBe(403);
    const again = await client.post("/hpp/v1/sessions", { payment_session_url: orderUrl(client, orderId) });
    expect(again.status).toBe(400);
    expect(obj(again.json).error_code).toBe("CONSTRAINT_VIOLATION");
  });

  it("answers 404 for an expired order", async () => {
    const { orderId, sessionId } = await createSession(client);
    await client.control("POST", `/sandbox/sessions/${sessionId}/expire`);
    expect((await client.get(`/checkout/v3/orders/${orderId}`)).status).toBe(404);
    expect((await client.post(`/checkout/v3/orders/${orderId}/abort`)).status).toBe(404);
  });
});

describe("Basic auth", () => {
  it("answers 401 with an error body for missing or wrong credentials", async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: basicAuth("sandbox-merchant", "wrong") }, { authorization: "Bearer x" }];
    for (const headers of attempts) {
      const res = await client.request("GET", "/checkout/v3/orders/anything", { auth: false, headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Basic/);
      expect(obj(res.json).error_code).toBe("UNAUTHORIZED");
    }
  });

  it("accepts custom credentials given to createSandbox", async () => {
    const custom = await createSandbox({ port: 0, username: "shop-1", password: "p4ss" });
    try {
      const other = new Client(custom.url);
      const ok = await other.request("POST", "/checkout/v3/orders", { body: orderRequest(), headers: { authorization: basicAuth("shop-1", "p4ss") } });
      expect(ok.status).toBe(201);
      expect((await other.post("/checkout/v3/orders", orderRequest())).status).toBe(401);
    } finally {
      await custom.close();
    }
  });
});
