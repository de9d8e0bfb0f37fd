import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/server";
import { Client, createSession, obj, orderRequest, PASSWORD, USERNAME, waitFor, type SessionSetup } from "./helpers";

let sandbox: Sandbox;
let client: Client;
let setup: SessionSetup;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0 });
  client = new Client(sandbox.url);
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  await client.control("POST", "/sandbox/reset");
  setup = await createSession(client);
});

function fault(body: Record<string, unknown>) {
  return client.control("POST", "/sandbox/faults", body);
}

const getSession = () => client.get(`/hpp/v1/sessions/${setup.sessionId}`);

describe("fault injection", () => {
  it("503 fails the next call with the error body, then the operation recovers", async () => {
    expect((await fault({ operation: "getSessionById", fault: "503" })).status).toBe(201);
    const failed = await getSession();
    expect(failed.status).toBe(503);
    expect(obj(failed.json)).toMatchObject({ error_code: "TEMPORARILY_UNAVAILABLE" });
    expect((await getSession()).status).toBe(200);
  });

  it("count N fails the next N calls of that operation only", async () => {
    await fault({ operation: "getSessionById", fault: "500", count: 2 });
    expect((await client.get("/checkout/v3/orders/" + setup.orderId)).status).toBe(200);
    expect((await getSession()).status).toBe(500);
    expect((await getSession()).status).toBe(500);
    expect((await getSession()).status).toBe(200);
  });

  it("429 carries Retry-After and RateLimit-Reset (default 1 second)", async () => {
    await fault({ operation: "getSessionById", fault: "429", retry_after_seconds: 7 });
    await fault({ operation: "getSessionById", fault: "429" });
    const first = await getSession();
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("7");
    expect(first.headers.get("ratelimit-reset")).toBe("7");
    const second = await getSession();
    expect(second.headers.get("retry-after")).toBe("1");
    expect(second.headers.get("ratelimit-reset")).toBe("1");
  });

  it("401 fault answers with the error body even with good credentials", async () => {
    await fault({ operation: "createOrderMerchant", fault: "401" });
    const res = await client.post("/checkout/v3/orders", orderRequest());
    expect(res.status).toBe(401);
    expect(obj(res.json).error_code).toBe("UNAUTHORIZED");
  });

  it("hang never answers; the client's own timeout ends the call", async () => {
    await fault({ operation: "getSessionById", fault: "hang" });
    const started = Date.now();
    const hung = client.get(`/hpp/v1/sessions/${setup.sessionId}`, { signal: AbortSignal.timeout(300) });
    await expect(hung).rejects.toMatchObject({ name: "TimeoutError" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    const log = obj((await client.control("GET", "/sandbox/requests?operation=getSessionById")).json);
    expect(log.requests).toEqual([expect.objectContaining({ status: null })]);
    expect((await getSession()).status).toBe(200);
  });

  it("close() releases a hung request instead of waiting for it", async () => {
    const own = await createSandbox({ port: 0 });
    const ownClient = new Client(own.url);
    await ownClient.control("POST", "/sandbox/faults", { operation: "getSessionById", fault: "hang" });
    const hung = ownClient.get("/hpp/v1/sessions/any");
    await waitFor(async () => {
      const log = obj((await ownClient.control("GET", "/sandbox/requests")).json).requests as unknown[];
      return log.length === 1;
    });
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(hung).rejects.toThrow();
  });

  it("malformed_json answers the success status with broken JSON and has no side effect", async () => {
    await fault({ operation: "getSessionById", fault: "malformed_json" });
    const res = await getSession();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(() => JSON.parse(res.text)).toThrow();
  });

  it.each([
    ["distribution (201, no body)", "distributeHppSession", "POST", "/distribution"],
    ["disable (204)", "disableHppSession", "DELETE", ""],
  ])("malformed_json on %s answers 200, a status its contract does not document, and has no side effect", async (_name, operation, method, suffix) => {
    await fault({ operation, fault: "malformed_json" });
    const res = await client.request(method, `/hpp/v1/sessions/${setup.sessionId}${suffix}`, {
      body: method === "POST" ? { method: "email", contact_information: { email: "user@example.com" } } : undefined,
    });
    expect(res.status).toBe(200);
    expect(() => JSON.parse(res.text)).toThrow();
    expect(obj((await client.control("GET", "/sandbox/outbox")).json).messages).toEqual([]);
    expect(obj((await getSession()).json).status).toBe("WAITING");
  });

  it("html_502 answers a proxy's HTML page instead of a provider error body", async () => {
    await fault({ operation: "getSessionById", fault: "html_502" });
    const res = await getSession();
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.json).toBeUndefined();
    expect((await getSession()).status).toBe(200);
  });

  it("drop_body sends the headers and part of the body, then resets the connection", async () => {
    await fault({ operation: "getSessionById", fault: "drop_body" });
    await expect(getSession()).rejects.toThrow();
    expect((await getSession()).status).toBe(200);
  });

  it("no_location performs the call but leaves out the Location header", async () => {
    await fault({ operation: "createOrderMerchant", fault: "no_location" });
    const res = await client.post("/checkout/v3/orders", orderRequest());
    expect(res.status).toBe(201);
    expect(res.headers.get("location")).toBeNull();
    const orderId = String(obj(res.json).order_id);
    expect((await client.get(`/checkout/v3/orders/${orderId}`)).status).toBe(200);
    expect((await client.post("/checkout/v3/orders", orderRequest())).headers.get("location")).toMatch(/\/checkout\/v3\/orders\//);
  });

  it("error_code answers the given code and status", async () => {
    await fault({ operation: "createHppSession", fault: "error_code", error_code: "UNKNOWN", status: 400 });
    const res = await client.post("/hpp/v1/sessions", { payment_session_url: "x" });
    expect(res.status).toBe(400);
    expect(obj(res.json).error_code).toBe("UNKNOWN");
  });

  it("faults apply after auth: an unauthenticated call neither sees nor consumes them", async () => {
    await fault({ operation: "getSessionById", fault: "503" });
    const denied = await client.request("GET", `/hpp/v1/sessions/${setup.sessionId}`, { auth: false });
    expect(denied.status).toBe(401);
    expect((await getSession()).status).toBe(503);
  });

  it("body_contains: only a request whose body holds the text takes the fault", async () => {
    await fault({ operation: "createOrderMerchant", fault: "503", body_contains: "REF-MINE" });
    const other = await client.post("/checkout/v3/orders", orderRequest({ merchant_reference1: "REF-OTHER" }));
    expect(other.status).toBe(201);
    const mine = await client.post("/checkout/v3/orders", orderRequest({ merchant_reference1: "REF-MINE" }));
    expect(mine.status).toBe(503);
    expect(obj((await client.control("GET", "/sandbox/faults")).json).faults).toEqual([]);
  });

  it("DELETE /sandbox/faults clears pending faults", async () => {
    await fault({ operation: "getSessionById", fault: "503", count: 5 });
    expect(obj((await client.control("GET", "/sandbox/faults")).json).faults).toHaveLength(1);
    expect((await client.control("DELETE", "/sandbox/faults")).status).toBe(204);
    expect((await getSession()).status).toBe(200);
  });

  it("platform operations fail in the platform's error shape", async () => {
    await fault({ operation: "platformToken", fault: "503" });
    const res = await client.request("POST", "/api/oauth2/login/token", {
      auth: false,
      body: { username: USERNAME, password: PASSWORD },
    });
    expect(res.status).toBe(503);
    expect(obj(res.json)).toMatchObject({ status: "SERVICE_UNAVAILABLE", errors: [expect.objectContaining({ property: "service" })] });
  });

  it.each([
    [{ operation: "nope", fault: "503" }],
    [{ operation: "getSessionById", fault: "404" }],
    [{ operation: "getSessionById", fault: "error_code" }],
    [{ operation: "getSessionById", fault: "503", count: 0 }],
    [{ operation: "getSessionById", fault: "503", surprise: true }],
  ])("rejects an invalid fault %j", async (body) => {
    expect((await fault(body)).status).toBe(400);
    expect(obj((await client.control("GET", "/sandbox/faults")).json).faults).toEqual([]);
  });
});
