import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { createSandbox, type Sandbox } from "../src/server";
import { Client, createOrder, createSession, obj, orderUrl, sessionStatus, str } from "./helpers";

let sandbox: Sandbox;
let client: Client;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0 });
  client = new Client(sandbox.url);
});

afterAll(async () => {
  await sandbox.close();
});

function drive(sessionId: string, status: string) {
  return client.control("POST", `/sandbox/sessions/${sessionId}/status`, { status });
}

describe("HPP session creation", () => {
  it("returns the documented URLs, and only URLs it serves", async () => {
    const { session, sessionId } = await createSession(client);
    const base = sandbox.url;
    expect(session).toMatchObject({
      session_url: `${base}/hpp/v1/sessions/${sessionId}`,
      distribution_url: `${base}/hpp/v1/sessions/${sessionId}/distribution`,
      redirect_url: `${base}/pay/${sessionId}`,
      qr_code_url: `${base}/pay/${sessionId}/qr`,
    });
    // Optional in the contract and not served here, so not handed out.
    expect(session).not.toHaveProperty("manual_identification_check_url");
    const distributionModule = obj(session.distribution_module);
    expect(typeof distributionModule.token).toBe("string");
    expect(distributionModule).not.toHaveProperty("generation_url");

    const urls = [session.session_url, session.redirect_url, session.qr_code_url, distributionModule.standalone_url].map(str);
    for (const url of urls) expect((await client.get(url)).status, url).toBe(200);
    // A POST-only endpoint: the path exists, GET is just the wrong method.
    expect((await client.get(str(session.distribution_url))).status).toBe(405);
  });

  it("expires exactly one hour before its order: in that last hour the session is gone but the order is not", async () => {
    const { session, sessionId, orderId } = await createSession(client);
    const order = obj((await client.control("GET", `/sandbox/orders/${orderId}`)).json);
    const sessionExpiry = Date.parse(str(session.expires_at));
    const orderExpiry = Date.parse(str(order.expires_at));
    expect(orderExpiry - sessionExpiry).toBe(3_600_000);
    const started = Date.parse(str(obj((await client.get(`/checkout/v3/orders/${orderId}`)).json).started_at));
    // started_at has second precision.
    expect(orderExpiry - started).toBeGreaterThanOrEqual(48 * 3_600_000);
    expect(orderExpiry - started).toBeLessThan(48 * 3_600_000 + 1_000);

    const clockNow = Date.parse(str(obj((await client.control("GET", "/sandbox/clock")).json).now));
    const advance = (ms: number) => client.control("POST", "/sandbox/clock", { advance_ms: ms });
    onTestFinished(() => client.control("POST", "/sandbox/reset").then(() => undefined));
    await advance(sessionExpiry - clockNow - 1_000);
    expect((await client.get(`/hpp/v1/sessions/${sessionId}`)).status).toBe(200);

    await advance(2_000);
    expect((await client.get(`/hpp/v1/sessions/${sessionId}`)).status).toBe(404);
    expect((await client.post(`/hpp/v1/sessions/${sessionId}/distribution`, { method: "email", contact_information: { email: "a@example.com" } })).status).toBe(404);
    expect((await client.request("GET", `/pay/${sessionId}`, { auth: false })).status).toBe(410);
    expect((await client.get(`/checkout/v3/orders/${orderId}`)).status).toBe(200);
    const late = await client.post("/hpp/v1/sessions", { payment_session_url: orderUrl(client, orderId) });
    expect(late.status).toBe(404);

    await advance(3_600_000);
    expect((await client.get(`/checkout/v3/orders/${orderId}`)).status).toBe(404);
    expect(obj((await client.control("GET", `/sandbox/orders/${orderId}`)).json).expired).toBe(true);
  });

  it("rejects payment_session_url values that are not an order of this sandbox", async () => {
    const order = await createOrder(client);
    const id = str(order.order_id);
    for (const url of [
      `https://api.klarna.com/checkout/v3/orders/${id}`,
      `${sandbox.url}/payments/v1/sessions/${id}`,
      "not a url",
    ]) {
      const res = await client.post("/hpp/v1/sessions", { payment_session_url: url });
      expect(res.status, url).toBe(400);
      expect(obj(res.json).error_code).toBe("CONSTRAINT_VIOLATION");
    }
    const missing = await client.post("/hpp/v1/sessions", { merchant_urls: {} });
    expect(missing.status).toBe(400);
    const badUrl = await client.post("/hpp/v1/sessions", {
      payment_session_url: orderUrl(client, id),
      merchant_urls: { success: "merchant.example/ok" },
    });
    expect(badUrl.status).toBe(400);
    const badOption = await client.post("/hpp/v1/sessions", {
      payment_session_url: orderUrl(client, id),
      options: { place_order_mode: "SOMETIMES" },
    });
    expect(badOption.status).toBe(400);
  });
});

describe("HPP session lifecycle", () => {
  it("starts WAITING and moves through non-final statuses freely", async () => {
    const { sessionId } = await createSession(client);
    expect(await sessionStatus(client, sessionId)).toBe("WAITING");
    for (const status of ["IN_PROGRESS", "MANUAL_ID_CHECK", "BACK", "IN_PROGRESS", "ERROR", "IN_PROGRESS", "FAILED", "IN_PROGRESS"]) {
      const res = await drive(sessionId, status);
      expect(res.status).toBe(200);
      expect(obj(res.json).status).toBe(status);
    }
  });

  it.each(["COMPLETED", "CANCELLED", "DISABLED"])("%s is final: no status change leaves it", async (final) => {
    const { sessionId } = await createSession(client);
    expect((await drive(sessionId, final)).status).toBe(200);
    for (const next of ["IN_PROGRESS", "WAITING", "FAILED", final === "COMPLETED" ? "CANCELLED" : "COMPLETED"]) {
      expect((await drive(sessionId, next)).status).toBe(409);
    }
    expect(await sessionStatus(client, sessionId)).toBe(final);
  });

  it("updated_at moves with each status change", async () => {
    const { sessionId } = await createSession(client);
    const before = obj((await client.get(`/hpp/v1/sessions/${sessionId}`)).json);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const after = obj((await drive(sessionId, "IN_PROGRESS")).json);
    expect(Date.parse(str(after.updated_at))).toBeGreaterThan(Date.parse(str(before.updated_at)));
  });

  it("DELETE disables, is idempotent, refuses a COMPLETED session and leaves CANCELLED alone", async () => {
    const open = await createSession(client);
    expect((await client.delete(`/hpp/v1/sessions/${open.sessionId}`)).status).toBe(204);
    expect(await sessionStatus(client, open.sessionId)).toBe("DISABLED");
    expect((await client.delete(`/hpp/v1/sessions/${open.sessionId}`)).status).toBe(204);

    const completed = await createSession(client);
    await drive(completed.sessionId, "COMPLETED");
    const refused = await client.delete(`/hpp/v1/sessions/${completed.sessionId}`);
    expect(refused.status).toBe(400);
    expect(await sessionStatus(client, completed.sessionId)).toBe("COMPLETED");

    const cancelled = await createSession(client);
    await drive(cancelled.sessionId, "CANCELLED");
    expect((await client.delete(`/hpp/v1/sessions/${cancelled.sessionId}`)).status).toBe(204);
    expect(await sessionStatus(client, cancelled.sessionId)).toBe("CANCELLED");
  });

  it("an expired session answers 404 everywhere and its pay link is no longer valid", async () => {
    const { sessionId } = await createSession(client);
    const expired = await client.control("POST", `/sandbox/sessions/${sessionId}/expire`);
    expect(expired.status).toBe(200);
    expect((await client.get(`/hpp/v1/sessions/${sessionId}`)).status).toBe(404);
    expect((await client.delete(`/hpp/v1/sessions/${sessionId}`)).status).toBe(404);
    expect((await drive(sessionId, "IN_PROGRESS")).status).toBe(404);
    const page = await client.request("GET", `/pay/${sessionId}`, { auth: false });
    expect(page.status).toBe(410);
    expect(page.text).toContain("This payment link is no longer valid");
  });

  it("the control API validates its input", async () => {
    const { sessionId } = await createSession(client);
    expect((await drive(sessionId, "PAID")).status).toBe(400);
    expect((await drive("00000000-0000-4000-8000-000000000000", "IN_PROGRESS")).status).toBe(404);
    expect((await client.control("POST", "/sandbox/sessions/nope/expire")).status).toBe(404);
  });
});
