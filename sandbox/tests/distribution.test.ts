import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/server";
import { Client, createSession, obj, str, type SessionSetup } from "./helpers";

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

function distribute(body: unknown, sessionId = setup.sessionId) {
  return client.post(`/hpp/v1/sessions/${sessionId}/distribution`, body);
}

async function expectError(body: unknown, status: number, code: string, sessionId?: string): Promise<string[]> {
  const res = await distribute(body, sessionId);
  expect(res.status, res.text).toBe(status);
  const error = obj(res.json);
  expect(error.error_code).toBe(code);
  return error.error_messages as string[];
}

async function outbox() {
  return obj((await client.control("GET", "/sandbox/outbox")).json).messages as Record<string, unknown>[];
}

const sms = (phone: string, phone_country = "se") => ({ method: "sms", contact_information: { phone, phone_country } });
const email = (address: string) => ({ method: "email", contact_information: { email: address } });

describe("successful distribution", () => {
  it("email: 201 with an empty body and one outbox message linking the pay page", async () => {
    const res = await distribute(email("user@example.com"));
    expect(res.status).toBe(201);
    expect(res.text).toBe("");
    const [message, ...rest] = await outbox();
    expect(rest).toHaveLength(0);
    expect(message).toMatchObject({
      channel: "email",
      recipient: "user@example.com",
      session_id: setup.sessionId,
      link: setup.session.redirect_url,
    });
    expect(str(message?.id)).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(str(message?.sent_at)))).toBe(false);
  });

  it.each([
    ["local number with lower-case country", "0712345678", "se", "+46712345678"],
    ["local number with upper-case country", "0712345678", "SE", "+46712345678"],
    ["international number from Sweden", "+33712345678", "se", "+33712345678"],
  ])("sms: %s is sent to its E.164 form", async (_name, phone, country, e164) => {
    expect((await distribute(sms(phone, country))).status).toBe(201);
    expect(await outbox()).toEqual([expect.objectContaining({ channel: "sms", recipient: e164 })]);
  });

  it("token: stores the access_id unaltered", async () => {
    const accessId = "klarna:09f4a78d-d096-47d4-a0f6-abcf680c70fe";
    expect((await distribute({ method: "token", contact_information: { access_id: accessId } })).status).toBe(201);
    expect(await outbox()).toEqual([expect.objectContaining({ channel: "token", recipient: accessId })]);
  });

  it.each([
    ["the guide's QR code value", "5a5e8e70-1a96-4651-b3b6-b774012a5bbb"],
    ["a contract example", "467521087419"],
    ["quotes, backslash and non-ASCII", 'id "with" quotes\\and \u00e5\u00e4\u00f6'],
  ])("token: %s is accepted and stored unaltered", async (_name, accessId) => {
    expect((await distribute({ method: "token", contact_information: { access_id: accessId } })).status).toBe(201);
    expect(await outbox()).toEqual([expect.objectContaining({ channel: "token", recipient: accessId })]);
  });
});

describe("the distribution error table (docs/providers.md#errors)", () => {
  it("UNKNOWN (400) only through the faults API", async () => {
    await client.control("POST", "/sandbox/faults", { operation: "distributeHppSession", fault: "error_code", error_code: "UNKNOWN" });
    await expectError(email("user@example.com"), 400, "UNKNOWN");
    expect(await outbox()).toHaveLength(0);
    expect((await distribute(email("user@example.com"))).status).toBe(201);
  });

  it.each([
    ["no contact_information", { method: "email" }],
    ["email method without email", { method: "email", contact_information: { phone: "0712345678" } }],
    ["empty email", email("")],
    ["sms without phone_country", { method: "sms", contact_information: { phone: "0712345678" } }],
    ["sms without phone", { method: "sms", contact_information: { phone_country: "SE" } }],
    ["token without access_id", { method: "token", contact_information: {} }],
  ])("MISSING_CONTACT_DATA (400): %s", async (_name, body) => {
    await expectError(body, 400, "MISSING_CONTACT_DATA");
  });

  it("NOT_FOUND (404) for an unknown or expired session", async () => {
    await expectError(email("user@example.com"), 404, "NOT_FOUND", "00000000-0000-4000-8000-000000000000");
    await client.control("POST", `/sandbox/sessions/${setup.sessionId}/expire`);
    await expectError(email("user@example.com"), 404, "NOT_FOUND");
  });

  it.each([
    ["unknown method", { method: "fax", contact_information: { email: "user@example.com" } }],
    ["missing method", { contact_information: { email: "user@example.com" } }],
    ["malformed email", email("user@@example")],
    ["email without domain dot", email("user@example")],
    ["text that is no phone number", sms("call me")],
    ["unknown phone_country", sms("0712345678", "xx")],
    ["blank access_id", { method: "token", contact_information: { access_id: "   " } }],
    ["access_id longer than 1024 characters", { method: "token", contact_information: { access_id: "x".repeat(1025) } }],
    ["unknown template", { ...email("user@example.com"), template: "OTHER" }],
  ])("CONSTRAINT_VIOLATION (400): %s", async (_name, body) => {
    await expectError(body, 400, "CONSTRAINT_VIOLATION");
    expect(await outbox()).toHaveLength(0);
  });

  it("CONSTRAINT_VIOLATION (400) when the session is disabled", async () => {
    expect((await client.delete(`/hpp/v1/sessions/${setup.sessionId}`)).status).toBe(204);
    const messages = await expectError(email("user@example.com"), 400, "CONSTRAINT_VIOLATION");
    expect(messages.join(" ")).toContain("session is disabled");
  });

  it.each(["COMPLETED", "CANCELLED"])("CONSTRAINT_VIOLATION (400) naming the session when it is %s", async (status) => {
    await client.control("POST", `/sandbox/sessions/${setup.sessionId}/status`, { status });
    const messages = await expectError(email("user@example.com"), 400, "CONSTRAINT_VIOLATION");
    expect(messages).toEqual([`session: session is ${status.toLowerCase()}`]);
    expect(await outbox()).toHaveLength(0);
  });

  it("NOT_FOUND (404) 'access token not found' for a configured unknown access_id", async () => {
    await client.control("POST", "/sandbox/config", { unknown_access_ids: ["278352"] });
    const messages = await expectError({ method: "token", contact_information: { access_id: "278352" } }, 404, "NOT_FOUND");
    expect(messages.join(" ")).toContain("access token not found");
    expect(await outbox()).toHaveLength(0);
  });

  it.each([
    ["too short for SE", "12", "se"],
    ["nine digits under FR", "070123456", "fr"],
    ["an impossible Swedish prefix", "0001234567", "se"],
  ])("UNSUPPORTED_COUNTRY (400) for a number invalid for its phone_country: %s", async (_name, phone, country) => {
    const messages = await expectError(sms(phone, country), 400, "UNSUPPORTED_COUNTRY");
    expect(messages.join(" ")).toContain(`not a valid number for ${country.toUpperCase()}`);
    expect(await outbox()).toHaveLength(0);
  });

  it("UNSUPPORTED_COUNTRY (400) for a valid number outside the supported regions", async () => {
    await expectError(sms("+5511987654321"), 400, "UNSUPPORTED_COUNTRY");
    await client.control("POST", "/sandbox/config", { supported_phone_regions: ["SE", "br"] });
    expect((await distribute(sms("+5511987654321"))).status).toBe(201);
    await expectError(sms("+33712345678"), 400, "UNSUPPORTED_COUNTRY");
  });

  it.each([
    ["refused email, any case", email("Blocked@Example.COM")],
    ["refused phone in international form", sms("+46700000000")],
    ["refused phone in local form", sms("070 000 00 00")],
  ])("BLACKLIST_REFUSED (400): %s", async (_name, body) => {
    await expectError(body, 400, "BLACKLIST_REFUSED");
    expect(await outbox()).toHaveLength(0);
  });

  it("BLACKLIST_REFUSED follows the configured list", async () => {
    await client.control("POST", "/sandbox/config", { refused_contacts: ["nope@example.com"] });
    expect((await distribute(email("blocked@example.com"))).status).toBe(201);
    await expectError(email("NOPE@example.com"), 400, "BLACKLIST_REFUSED");
  });

  it("EMAIL_LIMIT_EXCEEDED (429) past the playground's daily email limit", async () => {
    await client.control("POST", "/sandbox/config", { environment: "playground", email_daily_limit: 2 });
    expect((await distribute(email("a@example.com"))).status).toBe(201);
    expect((await distribute(email("b@example.com"))).status).toBe(201);
    await expectError(email("c@example.com"), 429, "EMAIL_LIMIT_EXCEEDED");
    expect(await outbox()).toHaveLength(2);
  });

  it("live-like has no email limit", async () => {
    await client.control("POST", "/sandbox/config", { email_daily_limit: 1 });
    expect((await distribute(email("a@example.com"))).status).toBe(201);
    expect((await distribute(email("b@example.com"))).status).toBe(201);
  });

  it("BAD_GATEWAY (502) for any sms in the playground", async () => {
    await client.control("POST", "/sandbox/config", { environment: "playground" });
    await expectError(sms("0712345678"), 502, "BAD_GATEWAY");
    expect(await outbox()).toHaveLength(0);
    expect((await distribute(email("user@example.com"))).status).toBe(201);
  });
});

describe("playground from createSandbox options", () => {
  it("starts in the playground when asked to", async () => {
    const playground = await createSandbox({ port: 0, environment: "playground" });
    try {
      const other = new Client(playground.url);
      expect(obj((await other.control("GET", "/sandbox/config")).json).environment).toBe("playground");
      const { sessionId } = await createSession(other);
      const res = await other.post(`/hpp/v1/sessions/${sessionId}/distribution`, sms("0712345678"));
      expect(res.status).toBe(502);
    } finally {
      await playground.close();
    }
  });
});
