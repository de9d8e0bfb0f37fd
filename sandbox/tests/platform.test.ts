import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/server";
import { API_KEY, Client, obj, PASSWORD, str, USERNAME } from "./helpers";

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

const SESSION_REQUEST = {
  reference: "ORDER-123456",
  terminal_id: "TERM001",
  currency: "EUR",
  amount: 100,
  transaction_type: "PURCHASE",
  description: "Order payment",
  success_url: "https://merchant.example.com/success-url",
  cancel_url: "https://merchant.example.com/cancel-url",
  error_url: "https://merchant.example.com/error-url",
  customer_first_name: "John",
  customer_country: "BA",
};

async function login(username = USERNAME, password = PASSWORD) {
  return client.request("POST", "/api/oauth2/login/token", { auth: false, body: { username, password } });
}

async function token(): Promise<string> {
  return str(obj((await login()).json).access_token);
}

async function createPlatformSession(body: unknown, headers: Record<string, string> = {}, path = "/api/hosted-payment-page") {
  const accessToken = await token();
  return client.request("POST", path, {
    auth: false,
    body,
    headers: { authorization: `Bearer ${accessToken}`, "x-api-key": API_KEY, ...headers },
  });
}

describe("payment platform token", () => {
  it("issues a bearer token for the right credentials", async () => {
    const res = await login();
    expect(res.status).toBe(200);
    const body = obj(res.json);
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 300 });
    expect(str(body.access_token).length).toBeGreaterThan(20);
  });

  it("answers 401 UNAUTHORIZED for wrong credentials", async () => {
    const res = await login(USERNAME, "wrong");
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ status: "UNAUTHORIZED", errors: [expect.objectContaining({ property: "credentials" })] });
  });
});

describe("payment platform hosted payment page", () => {
  it("creates a session and returns its redirect URL", async () => {
    const res = await createPlatformSession(SESSION_REQUEST);
    expect(res.status).toBe(200);
    const body = obj(res.json);
    const sessionId = str(body.session_id);
    expect(str(body.redirect_url)).toMatch(new RegExp(`^${sandbox.url}/hpp/payment/[A-Za-z0-9]{40}/${sessionId}$`));
  });

  it("accepts the platform guide's sample path /api/sessions as an alias", async () => {
    expect((await createPlatformSession(SESSION_REQUEST, {}, "/api/sessions")).status).toBe(200);
  });

  it("lists every missing required field", async () => {
    const res = await createPlatformSession({});
    expect(res.status).toBe(400);
    const body = obj(res.json);
    expect(body.status).toBe("INVALID");
    const properties = (body.errors as { property: string }[]).map((e) => e.property).sort();
    expect(properties).toEqual(
      ["amount", "cancel_url", "currency", "error_url", "reference", "success_url", "terminal_id", "transaction_type"].sort(),
    );
  });

  it.each([
    ["currency", "EURO"],
    ["currency", "eur"],
    ["currency", "XYZ"],
    ["amount", 0],
    ["amount", 10.5],
    ["amount", "100"],
    ["transaction_type", "SALE"],
    ["success_url", "/relative"],
    ["customer_country", "Bosnia"],
  ])("rejects %s = %j", async (property, value) => {
    const res = await createPlatformSession({ ...SESSION_REQUEST, [property]: value });
    expect(res.status).toBe(400);
    expect(obj(res.json).errors).toEqual([expect.objectContaining({ property })]);
  });

  it("refuses tokenization on a terminal without it, allows it once configured", async () => {
    const body = { ...SESSION_REQUEST, tokenization: { save_card_for_future_payments: true } };
    const refused = await createPlatformSession(body);
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({
      status: "INVALID",
      errors: [{ property: "tokenization", message: "one of requested features not supported=[TOKENIZATION]" }],
    });
    await client.control("POST", "/sandbox/config", { tokenization_terminals: ["TERM001"] });
    expect((await createPlatformSession(body)).status).toBe(200);
  });

  it("answers 401 without, with a bad, or with an expired bearer token", async () => {
    const call = (authorization?: string) =>
      client.request("POST", "/api/hosted-payment-page", {
        auth: false,
        body: SESSION_REQUEST,
        headers: { "x-api-key": API_KEY, ...(authorization ? { authorization } : {}) },
      });
    expect((await call()).status).toBe(401);
    expect((await call("Bearer not-a-token")).status).toBe(401);
    await client.control("POST", "/sandbox/config", { token_ttl_seconds: 0 });
    const expired = await token();
    const res = await call(`Bearer ${expired}`);
    expect(res.status).toBe(401);
    expect(obj(res.json).status).toBe("UNAUTHORIZED");
  });

  it("answers 403 for a missing or wrong x-api-key", async () => {
    const accessToken = await token();
    const apiKeys: Record<string, string>[] = [{}, { "x-api-key": "wrong" }];
    for (const headers of apiKeys) {
      const res = await client.request("POST", "/api/hosted-payment-page", {
        auth: false,
        body: SESSION_REQUEST,
        headers: { authorization: `Bearer ${accessToken}`, ...headers },
      });
      expect(res.status).toBe(403);
      expect(obj(res.json).status).toBe("FORBIDDEN");
    }
  });

  it("honours Idempotency-Key and Klarna-Idempotency-Key", async () => {
    const accessToken = await token();
    const send = (headers: Record<string, string>) =>
      client.request("POST", "/api/hosted-payment-page", {
        auth: false,
        body: SESSION_REQUEST,
        headers: { authorization: `Bearer ${accessToken}`, "x-api-key": API_KEY, ...headers },
      });
    for (const header of ["Idempotency-Key", "Klarna-Idempotency-Key"]) {
      const first = await send({ [header]: `key-${header}` });
      const second = await send({ [header]: `key-${header}` });
      expect(second.text).toBe(first.text);
    }
    const sessions = obj((await client.control("GET", "/sandbox/platform/sessions")).json).sessions;
    expect(sessions).toHaveLength(2);
  });

  it("logs platform calls under their operation ids", async () => {
    await createPlatformSession(SESSION_REQUEST);
    const log = obj((await client.control("GET", "/sandbox/requests")).json).requests as { operation: string }[];
    expect(log.map((r) => r.operation)).toEqual(["platformToken", "platformCreateSession"]);
  });
});

describe("payment platform pay page", () => {
  async function session() {
    const body = obj((await createPlatformSession(SESSION_REQUEST)).json);
    return { redirectUrl: str(body.redirect_url), sessionId: str(body.session_id) };
  }

  const submit = (url: string, action: string) =>
    fetch(url, {
      method: "POST",
      body: new URLSearchParams({ action }),
      redirect: "manual",
    });

  it("shows amount and reference with Pay, Cancel and Fail", async () => {
    const { redirectUrl } = await session();
    const res = await fetch(redirectUrl);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("€1.00");
    expect(html).toContain("ORDER-123456");
    for (const label of ["Pay", "Cancel", "Fail"]) expect(html).toMatch(new RegExp(`<button[^>]*>${label}</button>`));
  });

  it.each([
    ["pay", "https://merchant.example.com/success-url", "COMPLETED"],
    ["cancel", "https://merchant.example.com/cancel-url", "CANCELLED"],
    ["fail", "https://merchant.example.com/error-url", "FAILED"],
  ])("%s redirects to its URL and ends the session", async (action, location, status) => {
    const { redirectUrl, sessionId } = await session();
    const res = await submit(redirectUrl, action);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(location);
    const sessions = obj((await client.control("GET", "/sandbox/platform/sessions")).json).sessions;
    expect(sessions).toEqual([expect.objectContaining({ session_id: sessionId, status })]);
    expect((await fetch(redirectUrl)).status).toBe(410);
  });

  it("answers 404 for a wrong token", async () => {
    const { sessionId } = await session();
    const res = await fetch(`${sandbox.url}/hpp/payment/${"x".repeat(40)}/${sessionId}`);
    expect(res.status).toBe(404);
  });
});
