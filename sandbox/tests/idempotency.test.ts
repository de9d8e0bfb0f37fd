import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/server";
import { Client, createSession, obj, orderRequest, str } from "./helpers";

let sandbox: Sandbox;
let client: Client;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0 });
  client = new Client(sandbox.url);
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  await client.control("POST", "/sandbox/reset");
});

const withKey = (key: string) => ({ headers: { "Klarna-Idempotency-Key": key } });

describe("Klarna-Idempotency-Key", () => {
  it("replays the first result of a repeated create and creates one order", async () => {
    const first = await client.post("/checkout/v3/orders", orderRequest(), withKey("order-1"));
    const second = await client.post("/checkout/v3/orders", orderRequest({ merchant_reference1: "changed" }), withKey("order-1"));
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.text).toBe(first.text);
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    const fresh = await client.post("/checkout/v3/orders", orderRequest(), withKey("order-2"));
    expect(obj(fresh.json).order_id).not.toBe(obj(first.json).order_id);
    const logged = obj((await client.control("GET", "/sandbox/requests?operation=createOrderMerchant")).json);
    expect(logged.requests).toEqual([
      expect.objectContaining({ idempotency_key: "order-1", status: 201 }),
      expect.objectContaining({ idempotency_key: "order-1", status: 201 }),
      expect.objectContaining({ idempotency_key: "order-2", status: 201 }),
    ]);
  });

  it("replays an error result too, body and correlation id included", async () => {
    const bad = orderRequest({ order_amount: 1 });
    const first = await client.post("/checkout/v3/orders", bad, withKey("bad-1"));
    const second = await client.post("/checkout/v3/orders", orderRequest(), withKey("bad-1"));
    expect(first.status).toBe(400);
    expect(second.status).toBe(400);
    expect(second.json).toEqual(first.json);
  });

  it("never sends a second message for a repeated distribution key", async () => {
    const { sessionId } = await createSession(client);
    const path = `/hpp/v1/sessions/${sessionId}/distribution`;
    const body = { method: "email", contact_information: { email: "user@example.com" } };
    expect((await client.post(path, body, withKey("dist-1"))).status).toBe(201);
    expect((await client.post(path, body, withKey("dist-1"))).status).toBe(201);
    const outbox = obj((await client.control("GET", `/sandbox/outbox?session_id=${sessionId}`)).json);
    expect(outbox.messages).toHaveLength(1);
    expect((await client.post(path, body, withKey("dist-2"))).status).toBe(201);
    expect(obj((await client.control("GET", "/sandbox/outbox")).json).messages).toHaveLength(2);
  });

  it("scopes keys per path and operation", async () => {
    const a = await createSession(client);
    const b = await createSession(client);
    const body = { method: "email", contact_information: { email: "user@example.com" } };
    await client.post(`/hpp/v1/sessions/${a.sessionId}/distribution`, body, withKey("shared"));
    await client.post(`/hpp/v1/sessions/${b.sessionId}/distribution`, body, withKey("shared"));
    const messages = obj((await client.control("GET", "/sandbox/outbox")).json).messages as { session_id: string }[];
    expect(messages.map((m) => m.session_id)).toEqual([a.sessionId, b.sessionId]);
    const order = await client.post("/checkout/v3/orders", orderRequest(), withKey("shared"));
    expect(order.status).toBe(201);
  });

  it("does not let a faulted call consume the key", async () => {
    await client.control("POST", "/sandbox/faults", { operation: "createOrderMerchant", fault: "503" });
    const faulted = await client.post("/checkout/v3/orders", orderRequest(), withKey("retry-me"));
    expect(faulted.status).toBe(503);
    const retried = await client.post("/checkout/v3/orders", orderRequest(), withKey("retry-me"));
    expect(retried.status).toBe(201);
    const replayed = await client.post("/checkout/v3/orders", orderRequest(), withKey("retry-me"));
    expect(replayed.text).toBe(retried.text);
  });

  it("does not let a failed authentication consume the key", async () => {
    const denied = await client.request("POST", "/checkout/v3/orders", {
      body: orderRequest(),
      auth: false,
      headers: { "Klarna-Idempotency-Key": "auth-1" },
    });
    expect(denied.status).toBe(401);
    expect((await client.post("/checkout/v3/orders", orderRequest(), withKey("auth-1"))).status).toBe(201);
  });

  it("applies to the session create", async () => {
    const order = obj((await client.post("/checkout/v3/orders", orderRequest())).json);
    const body = { payment_session_url: `${sandbox.url}/checkout/v3/orders/${str(order.order_id)}` };
    const first = await client.post("/hpp/v1/sessions", body, withKey("s-1"));
    const second = await client.post("/hpp/v1/sessions", body, withKey("s-1"));
    expect(obj(second.json).session_id).toBe(obj(first.json).session_id);
  });
});
