import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/server";
import { Client, createSession, obj, orderRequest, sessionStatus, str } from "./helpers";

let sandbox: Sandbox;
let client: Client;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0 });
  client = new Client(sandbox.url);
});

afterAll(async () => {
  await sandbox.close();
});

const MERCHANT_URLS = {
  success: "https://merchant.example/success?sid={{session_id}}&order={{order_id}}",
  cancel: "https://merchant.example/cancel?sid={{session_id}}",
  failure: "https://merchant.example/failure/{{order_id}}",
};

const usOrder = orderRequest({
  purchase_country: "US",
  purchase_currency: "USD",
  locale: "en-US",
  order_amount: 54_900,
  order_tax_amount: 10_980,
});

function page(path: string) {
  return client.request("GET", path, { auth: false, headers: { accept: "text/html" } });
}

function submit(sessionId: string, action: string) {
  return client.request("POST", `/pay/${sessionId}`, {
    auth: false,
    body: new URLSearchParams({ action }).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
}

describe("consumer pay page", () => {
  it("shows the merchant, the amount in the order's currency and locale, the lines and three buttons", async () => {
    const { sessionId } = await createSession(client, { merchant_urls: MERCHANT_URLS }, usOrder);
    const res = await page(`/pay/${sessionId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.text).toContain("Sandbox Merchant");
    expect(res.text).toContain("$549.00");
    expect(res.text).toContain("T-shirt");
    expect(res.text).toContain("Shipping");
    for (const label of ["Pay", "Cancel", "Fail"]) expect(res.text).toMatch(new RegExp(`<button[^>]*>${label}</button>`));
    expect(res.text).not.toMatch(/<(script|link)\b|src="https?:\/\/(?!127\.0\.0\.1)/);
  });

  it("formats a Swedish order the Swedish way", async () => {
    const { sessionId } = await createSession(client);
    const res = await page(`/pay/${sessionId}`);
    expect(res.text).toContain('lang="sv-SE"');
    expect(res.text).toMatch(/549,00\s*kr/);
  });

  it("opening the page moves WAITING, BACK, FAILED and ERROR to IN_PROGRESS", async () => {
    for (const start of ["WAITING", "BACK", "FAILED", "ERROR"]) {
      const { sessionId } = await createSession(client);
      if (start !== "WAITING") await client.control("POST", `/sandbox/sessions/${sessionId}/status`, { status: start });
      await page(`/pay/${sessionId}`);
      expect(await sessionStatus(client, sessionId), start).toBe("IN_PROGRESS");
    }
  });

  it("Pay completes the session and redirects to the success URL with placeholders substituted", async () => {
    const { sessionId, orderId } = await createSession(client, { merchant_urls: MERCHANT_URLS });
    await page(`/pay/${sessionId}`);
    const res = await submit(sessionId, "pay");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`https://merchant.example/success?sid=${sessionId}&order=${orderId}`);
    expect(await sessionStatus(client, sessionId)).toBe("COMPLETED");
    expect(obj((await client.get(`/checkout/v3/orders/${orderId}`)).json).status).toBe("checkout_complete");
  });

  it("Cancel and Fail redirect to their URLs; a failed payment can be retried", async () => {
    const cancelled = await createSession(client, { merchant_urls: MERCHANT_URLS });
    const cancel = await submit(cancelled.sessionId, "cancel");
    expect(cancel.headers.get("location")).toBe(`https://merchant.example/cancel?sid=${cancelled.sessionId}`);
    expect(await sessionStatus(client, cancelled.sessionId)).toBe("CANCELLED");

    const failed = await createSession(client, { merchant_urls: MERCHANT_URLS });
    const fail = await submit(failed.sessionId, "fail");
    expect(fail.headers.get("location")).toBe(`https://merchant.example/failure/${failed.orderId}`);
    expect(await sessionStatus(client, failed.sessionId)).toBe("FAILED");
    expect((await page(`/pay/${failed.sessionId}`)).status).toBe(200);
    expect(await sessionStatus(client, failed.sessionId)).toBe("IN_PROGRESS");
  });

  it("shows a generic confirmation page when the merchant URL is empty", async () => {
    const { sessionId } = await createSession(client, { merchant_urls: { success: "" } });
    const res = await submit(sessionId, "pay");
    expect(res.status).toBe(200);
    expect(res.text).toContain("Payment completed");
  });

  it("a final session's link is no longer valid; an unknown one is 404", async () => {
    const { sessionId } = await createSession(client);
    await submit(sessionId, "cancel");
    const again = await page(`/pay/${sessionId}`);
    expect(again.status).toBe(410);
    expect(again.text).toContain("This payment link is no longer valid");
    expect((await submit(sessionId, "pay")).status).toBe(410);
    expect(await sessionStatus(client, sessionId)).toBe("CANCELLED");
    const unknown = await page("/pay/00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain("This payment link is no longer valid");
  });

  it("rejects an unknown action without changing the session", async () => {
    const { sessionId } = await createSession(client);
    expect((await submit(sessionId, "steal")).status).toBe(400);
    expect(await sessionStatus(client, sessionId)).toBe("WAITING");
  });
});

describe("QR code and distribution module", () => {
  it("serves the QR code as a PNG", async () => {
    const { session } = await createSession(client);
    const res = await fetch(str(session.qr_code_url));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect((await fetch(`${sandbox.url}/pay/nope/qr`)).status).toBe(404);
  });

  it("serves the standalone distribution module only with its token", async () => {
    const { session } = await createSession(client);
    const distributionModule = obj(session.distribution_module);
    const ok = await fetch(str(distributionModule.standalone_url));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain(`${str(session.qr_code_url)}`);
    const wrong = await fetch(str(distributionModule.standalone_url).replace(/token=.*/, "token=wrong"));
    expect(wrong.status).toBe(404);
  });
});
