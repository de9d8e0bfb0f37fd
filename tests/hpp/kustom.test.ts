import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HPP_ERROR_MESSAGES, HppError, type HppErrorCode } from "@/lib/hpp/errors";
import type { KustomHppProvider } from "@/lib/hpp/kustom";
import type { CreatedSession, DistributionRequest, SessionRef } from "@/lib/hpp/types";
import { priceOrder } from "@/lib/domain/order-lines";
import { MemoryLogger, SandboxControl, kustomClient, sessionInput, startSandbox, uniqueKey, type RunningSandbox } from "../support/sandbox";

let sandbox: RunningSandbox;
let control: SandboxControl;
let logger: MemoryLogger;
let client: KustomHppProvider;

beforeAll(async () => {
  sandbox = await startSandbox();
  control = new SandboxControl(sandbox.url);
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  await control.reset();
  logger = new MemoryLogger();
  client = kustomClient(sandbox.url, { logger });
});

const BASIC_A = `Basic ${Buffer.from("sandbox-merchant:sandbox-secret").toString("base64")}`;

async function rejection(promise: Promise<unknown>): Promise<HppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HppError);
  return error as HppError;
}

describe("Kustom happy path", () => {
  it("creates an order and a session, distributes by sms, email and token, reads and disables it", async () => {
    const input = sessionInput();
    const created = await client.createSession(input);

    const totals = priceOrder(input.lines);
    expect(created).toMatchObject({
      kind: "KUSTOM",
      amount: totals.orderAmount,
      taxAmount: totals.orderTaxAmount,
      orderStatus: "checkout_incomplete",
    });
    expect(created.orderUrl).toBe(`${sandbox.url}/checkout/v3/orders/${created.providerOrderId}`);
    expect(created.sessionUrl).toBe(`${sandbox.url}/hpp/v1/sessions/${created.providerSessionId}`);
    expect(created.distributionUrl).toBe(`${created.sessionUrl}/distribution`);
    expect(created.redirectUrl).toBe(`${sandbox.url}/pay/${created.providerSessionId}`);
    expect(created.qrCodeUrl).toBe(`${created.redirectUrl}/qr`);
    expect(created.distributionModule?.token).toMatch(/^[0-9a-f]{32}$/);
    expect(created.expiresAt).toBeInstanceOf(Date);
    expect(created.expiresAt!.getTime()).toBeGreaterThan(Date.now());

    // Per-call keys derived from the record key.
    const [order] = await control.requests("createOrderMerchant");
    const [session] = await control.requests("createHppSession");
    expect(order?.idempotency_key).toBe(`${input.idempotencyKey}:order`);
    expect(session?.idempotency_key).toBe(`${input.idempotencyKey}:session`);

    const ref: SessionRef = created;
    await client.distribute(ref, { method: "sms", phone: "070-123 45 67", phoneCountry: "SE" }, `${input.idempotencyKey}:d1`);
    await client.distribute(ref, { method: "email", email: "anna@example.com" }, `${input.idempotencyKey}:d2`);
    await client.distribute(ref, { method: "token", accessId: "5a5e8e70-1a96-4651-b3b6-b774012a5bbb" }, `${input.idempotencyKey}:d3`);

    const outbox = await control.outbox(created.providerSessionId);
    expect(outbox.map((m) => [m.channel, m.recipient, m.link])).toEqual([
      ["sms", "+46701234567", created.redirectUrl],
      ["email", "anna@example.com", created.redirectUrl],
      ["token", "5a5e8e70-1a96-4651-b3b6-b774012a5bbb", created.redirectUrl],
    ]);

    const snapshot = await client.getSession(ref);
    expect(snapshot).toMatchObject({ status: "WAITING", orderId: created.providerOrderId, providerSessionId: created.providerSessionId });
    expect(snapshot.expiresAt?.getTime()).toBe(created.expiresAt!.getTime());
    expect(snapshot.updatedAt).toBeInstanceOf(Date);

    await control.setStatus(created.providerSessionId, "IN_PROGRESS");
    expect((await client.getSession(ref)).status).toBe("IN_PROGRESS");

    await client.disableSession(ref);
    expect((await client.getSession(ref)).status).toBe("DISABLED");
    expect((await control.requests("disableHppSession")).map((r) => r.status)).toEqual([204]);
  });

  it("returns the same order and session when the same record key is used again", async () => {
    const input = sessionInput();
    const first = await client.createSession(input);
    const again = await client.createSession(input);
    expect(again.providerSessionId).toBe(first.providerSessionId);
    expect(again.providerOrderId).toBe(first.providerOrderId);
    expect(again.redirectUrl).toBe(first.redirectUrl);
  });

  it("sends a repeated distribution only once when the key is reused", async () => {
    const created = await client.createSession(sessionInput());
    const key = uniqueKey("dist");
    await client.distribute(created, { method: "email", email: "anna@example.com" }, key);
    await client.distribute(created, { method: "email", email: "anna@example.com" }, key);
    expect(await control.outbox(created.providerSessionId)).toHaveLength(1);
  });

  it("passes an access id through unaltered, escaping included", async () => {
    const created = await client.createSession(sessionInput());
    const accessId = 'id "with" quotes\\and \u00e5\u00e4\u00f6 \n newline';
    await client.distribute(created, { method: "token", accessId }, uniqueKey());
    const [message] = await control.outbox(created.providerSessionId);
    expect(message?.recipient).toBe(accessId);
  });
});

describe("Kustom distribution errors", () => {
  type Case = {
    name: string;
    code: HppErrorCode;
    status: number;
    field?: string;
    setup?: (session: CreatedSession) => Promise<void>;
    request: DistributionRequest;
  };
  const cases: Case[] = [
    {
      name: "undefined provider error",
      code: "UNKNOWN",
      status: 400,
      setup: async () => {
        await control.fault({ operation: "distributeHppSession", count: 1, fault: "error_code", error_code: "UNKNOWN", status: 400 });
      },
      request: { method: "email", email: "anna@example.com" },
    },
    { name: "empty email", code: "MISSING_CONTACT_DATA", status: 400, field: "email", request: { method: "email", email: "" } },
    {
      name: "session gone",
      code: "NOT_FOUND",
      status: 404,
      setup: async (s) => {
        await control.expire(s.providerSessionId);
      },
      request: { method: "email", email: "anna@example.com" },
    },
    { name: "invalid email", code: "CONSTRAINT_VIOLATION", status: 400, field: "email", request: { method: "email", email: "anna@@example" } },
    {
      name: "phone from an unsupported region",
      code: "UNSUPPORTED_COUNTRY",
      status: 400,
      field: "phone",
      request: { method: "sms", phone: "+81312345678", phoneCountry: "SE" },
    },
    {
      name: "refused email",
      code: "BLACKLIST_REFUSED",
      status: 400,
      field: "email",
      request: { method: "email", email: "Blocked@Example.com" },
    },
    {
      name: "refused phone",
      code: "BLACKLIST_REFUSED",
      status: 400,
      field: "phone",
      request: { method: "sms", phone: "0700000000", phoneCountry: "SE" },
    },
    {
      name: "playground email limit",
      code: "EMAIL_LIMIT_EXCEEDED",
      status: 429,
      field: "email",
      setup: async () => {
        await control.config({ environment: "playground", email_daily_limit: 0 });
      },
      request: { method: "email", email: "anna@example.com" },
    },
    {
      name: "sms in the playground",
      code: "BAD_GATEWAY",
      status: 502,
      field: "phone",
      setup: async () => {
        await control.config({ environment: "playground" });
      },
      request: { method: "sms", phone: "+46701234567", phoneCountry: "SE" },
    },
  ];

  it.each(cases)("$name → $code", async ({ code, status, field, setup, request }) => {
    const created = await client.createSession(sessionInput());
    await setup?.(created);
    const error = await rejection(client.distribute(created, request, uniqueKey()));
    expect(error.code).toBe(code);
    expect(error.httpStatus).toBe(status);
    expect(HPP_ERROR_MESSAGES[error.code]).toBe(HPP_ERROR_MESSAGES[code]);
    expect(error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    if (field) expect(error.field).toBe(field);
    expect(await control.outbox(created.providerSessionId)).toEqual([]);
    // Not retried: one call reached the provider.
    expect(await control.requests("distributeHppSession")).toHaveLength(1);
  });

  it("gives the agent a plain sentence, not provider text, on refused contacts", async () => {
    const created = await client.createSession(sessionInput());
    const error = await rejection(client.distribute(created, { method: "email", email: "blocked@example.com" }, uniqueKey()));
    expect(HPP_ERROR_MESSAGES[error.code]).toBe("This customer can't be sent a payment link. Ask for another contact or payment method.");
  });

  it.each([
    ["disabled", async (c: CreatedSession) => client.disableSession(c)],
    ["completed", async (c: CreatedSession) => control.setStatus(c.providerSessionId, "COMPLETED")],
    ["cancelled", async (c: CreatedSession) => control.setStatus(c.providerSessionId, "CANCELLED")],
  ])("reports distributing a %s session as LINK_CLOSED, not as bad contact details", async (_name, close) => {
    const created = await client.createSession(sessionInput());
    await close(created);
    const error = await rejection(client.distribute(created, { method: "email", email: "anna@example.com" }, uniqueKey()));
    expect(error).toMatchObject({ code: "LINK_CLOSED", httpStatus: 400, providerCode: "CONSTRAINT_VIOLATION" });
    expect(error.field).toBeUndefined();
    expect(HPP_ERROR_MESSAGES[error.code]).toBe(HPP_ERROR_MESSAGES.LINK_CLOSED);
    expect(HPP_ERROR_MESSAGES[error.code]).not.toMatch(/contact details/);
    expect(await control.outbox(created.providerSessionId)).toEqual([]);
  });

  it("reports a number invalid for its phone country as UNSUPPORTED_COUNTRY on the phone field", async () => {
    const created = await client.createSession(sessionInput());
    const error = await rejection(client.distribute(created, { method: "sms", phone: "12", phoneCountry: "SE" }, uniqueKey()));
    expect(error).toMatchObject({ code: "UNSUPPORTED_COUNTRY", httpStatus: 400, field: "phone" });
    expect(HPP_ERROR_MESSAGES[error.code]).toMatch(/isn't valid for the selected country/);
  });

  it.each([
    ["local number", "0712345678", "+46712345678"],
    ["international number", "+33712345678", "+33712345678"],
  ])("sends the issue's %s with phone_country SE", async (_name, phone, e164) => {
    const created = await client.createSession(sessionInput());
    await client.distribute(created, { method: "sms", phone, phoneCountry: "SE" }, uniqueKey());
    expect((await control.outbox(created.providerSessionId)).map((m) => m.recipient)).toEqual([e164]);
  });

  it("reports a QR token the provider does not know as ACCESS_ID_NOT_FOUND", async () => {
    await control.config({ unknown_access_ids: ["278352"] });
    const created = await client.createSession(sessionInput());
    const error = await rejection(client.distribute(created, { method: "token", accessId: "278352" }, uniqueKey()));
    expect(error).toMatchObject({ code: "ACCESS_ID_NOT_FOUND", httpStatus: 404, field: "accessId" });
    expect(HPP_ERROR_MESSAGES[error.code]).toBe("The customer's QR code wasn't recognised. Ask the customer to show their QR code again and enter it once more.");
    expect(await control.outbox(created.providerSessionId)).toEqual([]);
  });
});

describe.each(["classic", "error_id"] as const)("error body shape %s", (shape) => {
  it("maps the code, keeps the correlation id and logs provider text redacted", async () => {
    await control.config({ error_shape: shape });
    const created = await client.createSession(sessionInput());
    const error = await rejection(client.distribute(created, { method: "email", email: "blocked@example.com" }, uniqueKey()));
    expect(error.code).toBe("BLACKLIST_REFUSED");
    expect(error.field).toBe("email");
    expect(error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(HPP_ERROR_MESSAGES[error.code]).not.toMatch(/refused|contact_information/);
    expect(error.message).not.toContain("blocked@example.com");

    const entry = logger.entries.find((e) => e.details.operation === "distributeHppSession");
    expect(entry?.details.correlationId).toBe(error.correlationId);
    expect(String(entry?.details.body)).toContain(shape === "classic" ? "error_messages" : "error_id");
    expect(String(entry?.details.body)).toContain("the recipient is refused");
    expect(logger.text()).not.toContain("blocked@example.com");
  });

  it("maps an order the checkout rejects to BAD_VALUE", async () => {
    await control.config({ error_shape: shape });
    const input = sessionInput({ lines: [{ name: "Too expensive", quantity: 1, unitPrice: 200_000_000, taxRate: 2500 }] });
    const error = await rejection(client.createSession(input));
    expect(error.code).toBe("BAD_VALUE");
    expect(error.field).toBe("order");
    expect(error.httpStatus).toBe(400);
    expect(await control.requests("createHppSession")).toEqual([]);
  });
});

describe("Kustom session creation errors", () => {
  it("words a CONSTRAINT_VIOLATION on create as an invalid request, not as contact details", async () => {
    const input = sessionInput();
    const error = await rejection(client.createSession({ ...input, merchantUrls: { ...input.merchantUrls, success: "not a url" } }));
    expect(error).toMatchObject({ code: "INVALID_REQUEST", httpStatus: 400, providerCode: "CONSTRAINT_VIOLATION" });
    expect(HPP_ERROR_MESSAGES[error.code]).not.toMatch(/contact/);
  });

  it("reports a 404 on create as SESSION_EXPIRED: the order is in its last hour", async () => {
    const input = sessionInput();
    await control.fault({ operation: "createHppSession", count: 3, fault: "503" });
    expect((await rejection(client.createSession(input))).code).toBe("PROVIDER_UNAVAILABLE");
    await control.advanceClock(47.5 * 3_600_000);
    const error = await rejection(client.createSession(input));
    expect(error).toMatchObject({ code: "SESSION_EXPIRED", httpStatus: 404 });
    expect(HPP_ERROR_MESSAGES[error.code]).toBe(HPP_ERROR_MESSAGES.SESSION_EXPIRED);
  });

  it("treats an order without a Location header as MALFORMED_RESPONSE and never builds the URL itself", async () => {
    await control.fault({ operation: "createOrderMerchant", count: 1, fault: "no_location" });
    const error = await rejection(client.createSession(sessionInput()));
    expect(error).toMatchObject({ code: "MALFORMED_RESPONSE", httpStatus: 201 });
    expect(await control.requests("createHppSession")).toEqual([]);
  });

  it("gives the order exactly the merchant URLs the portal built for it", async () => {
    const input = sessionInput();
    const created = await client.createSession(input);
    const order = (await (await fetch(created.orderUrl!, { headers: { Authorization: BASIC_A } })).json()) as { merchant_urls: Record<string, string> };
    expect(order.merchant_urls).toEqual(input.merchantUrls.order);
  });
});

describe("Kustom account and lifecycle errors", () => {
  it("reports merchant B's credentials on merchant A's session as FORBIDDEN", async () => {
    const created = await client.createSession(sessionInput());
    const other = kustomClient(sandbox.url, { username: "sandbox-merchant-b", password: "sandbox-secret-b", logger });
    const ref: SessionRef = created;
    for (const call of [other.getSession(ref), other.disableSession(ref), other.distribute(ref, { method: "email", email: "anna@example.com" }, uniqueKey())]) {
      const error = await rejection(call);
      expect(error).toMatchObject({ code: "FORBIDDEN", httpStatus: 403, retryable: false });
      expect(HPP_ERROR_MESSAGES[error.code]).toBe(HPP_ERROR_MESSAGES.FORBIDDEN);
    }
    expect((await client.getSession(ref)).status).toBe("WAITING");
    expect(await control.outbox(created.providerSessionId)).toEqual([]);
  });

  it("reports wrong credentials as UNAUTHORIZED without retrying", async () => {
    const wrong = kustomClient(sandbox.url, { password: "not-the-secret", logger });
    const error = await rejection(wrong.createSession(sessionInput()));
    expect(error.code).toBe("UNAUTHORIZED");
    expect(error.httpStatus).toBe(401);
    expect(error.retryable).toBe(false);
    expect(HPP_ERROR_MESSAGES[error.code]).toMatch(/administrator/);
    expect(await control.requests("createOrderMerchant")).toHaveLength(1);
    expect(logger.text()).not.toContain("not-the-secret");
  });

  it("reports an expired session as NOT_FOUND for read, disable and distribute", async () => {
    const created = await client.createSession(sessionInput());
    await control.expire(created.providerSessionId);
    const ref: SessionRef = created;
    for (const call of [client.getSession(ref), client.disableSession(ref), client.distribute(ref, { method: "email", email: "a@example.com" }, uniqueKey())]) {
      const error = await rejection(call);
      expect(error.code).toBe("NOT_FOUND");
      expect(error.httpStatus).toBe(404);
      expect(HPP_ERROR_MESSAGES[error.code]).toBe(HPP_ERROR_MESSAGES.NOT_FOUND);
    }
  });

  it("in the order's last hour the session is expired (SESSION_EXPIRED) while the order still exists", async () => {
    let offset = 0;
    const clocked = kustomClient(sandbox.url, { logger, now: () => Date.now() + offset });
    const created = await clocked.createSession(sessionInput());
    const order = (await (await fetch(`${sandbox.url}/sandbox/orders/${created.providerOrderId}`)).json()) as { expires_at: string };
    expect(Date.parse(order.expires_at) - created.expiresAt!.getTime()).toBe(3_600_000);

    offset = created.expiresAt!.getTime() - Date.now() + 60_000;
    await control.advanceClock(offset);
    const error = await rejection(clocked.getSession(created));
    expect(error).toMatchObject({ code: "SESSION_EXPIRED", httpStatus: 404 });
    expect((await fetch(created.orderUrl!, { headers: { Authorization: BASIC_A } })).status).toBe(200);
  });

  it("reports SESSION_EXPIRED when the stored expiry has passed", async () => {
    const created = await client.createSession(sessionInput());
    await control.expire(created.providerSessionId);
    const error = await rejection(client.getSession({ ...created, expiresAt: new Date(Date.now() - 1_000) }));
    expect(error.code).toBe("SESSION_EXPIRED");
  });

  it("reports disabling a completed session as ALREADY_COMPLETED", async () => {
    const created = await client.createSession(sessionInput());
    await control.setStatus(created.providerSessionId, "COMPLETED");
    const error = await rejection(client.disableSession(created));
    expect(error.code).toBe("ALREADY_COMPLETED");
    expect(error.httpStatus).toBe(400);
    expect(HPP_ERROR_MESSAGES[error.code]).toBe("The customer has already paid with this link, so it can't be cancelled.");
    expect((await client.getSession(created)).status).toBe("COMPLETED");
  });

  it("treats localhost and 127.0.0.1 on the same port as one origin", async () => {
    const local = kustomClient(sandbox.url.replace("127.0.0.1", "localhost"), { logger });
    const created = await local.createSession(sessionInput());
    expect(created.sessionUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const ref: SessionRef = created;
    await local.distribute(ref, { method: "email", email: "anna@example.com" }, uniqueKey());
    expect((await local.getSession(ref)).status).toBe("WAITING");
    await local.disableSession(ref);
    expect((await control.requests("disableHppSession")).map((r) => r.status)).toEqual([204]);
    // Another port on the same machine is still another origin.
    const otherPort = await rejection(local.getSession({ ...ref, sessionUrl: "http://localhost:9/hpp/v1/sessions/x" }));
    expect(otherPort.code).toBe("UNKNOWN");
  });

  it("never sends credentials to a session URL on another origin", async () => {
    const created = await client.createSession(sessionInput());
    const error = await rejection(client.getSession({ ...created, sessionUrl: "http://127.0.0.1:9/hpp/v1/sessions/x" }));
    expect(error.code).toBe("UNKNOWN");
    expect(await control.requests("getSessionById")).toEqual([]);
  });

  it("uses the stored URLs, falling back to the documented path only when none is stored", async () => {
    const created = await client.createSession(sessionInput());
    const snapshot = await client.getSession({ providerSessionId: created.providerSessionId });
    expect(snapshot.status).toBe("WAITING");
    const [request] = await control.requests("getSessionById");
    expect(request?.path).toBe(`/hpp/v1/sessions/${created.providerSessionId}`);
  });
});
