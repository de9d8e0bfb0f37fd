import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HPP_ERROR_MESSAGES, HppError, type HppErrorCode } from "@/lib/hpp/errors";
import type { KustomHppProvider } from "@/lib/hpp/kustom";
import { sessionRefOf, type CreatedSession, type DistributionRequest } from "@/lib/hpp/types";
import { priceOrder } from "@/lib/orders/lines";
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

    const ref = sessionRefOf(created);
    await client.distribute(ref, { method: "sms", phone: "070-123 45 67", phoneCountry: "SE" }, `${input.idempotencyKey}:d1`);
    await client.distribute(ref, { method: "email", email: "anna@example.com" }, `${input.idempotencyKey}:d2`);
    await client.distribute(ref, { method: "token", accessId: "klarna:09f4a78d-d096-47d4-a0f6-abcf680c70fe" }, `${input.idempotencyKey}:d3`);

    const outbox = await control.outbox(created.providerSessionId);
    expect(outbox.map((m) => [m.channel, m.recipient, m.link])).toEqual([
      ["sms", "+46701234567", created.redirectUrl],
      ["email", "anna@example.com", created.redirectUrl],
      ["token", "klarna:09f4a78d-d096-47d4-a0f6-abcf680c70fe", created.redirectUrl],
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
    await client.distribute(sessionRefOf(created), { method: "email", email: "anna@example.com" }, key);
    await client.distribute(sessionRefOf(created), { method: "email", email: "anna@example.com" }, key);
    expect(await control.outbox(created.providerSessionId)).toHaveLength(1);
  });

  it("passes an access id through unaltered, escaping included", async () => {
    await control.config({ enforce_access_id_enum: false });
    const created = await client.createSession(sessionInput());
    const accessId = 'id "with" quotes\\and \u00e5\u00e4\u00f6 \n newline';
    await client.distribute(sessionRefOf(created), { method: "token", accessId }, uniqueKey());
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
    const error = await rejection(client.distribute(sessionRefOf(created), request, uniqueKey()));
    expect(error.code).toBe(code);
    expect(error.httpStatus).toBe(status);
    expect(error.userMessage).toBe(HPP_ERROR_MESSAGES[code]);
    expect(error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    if (field) expect(error.field).toBe(field);
    expect(await control.outbox(created.providerSessionId)).toEqual([]);
    // Not retried: one call reached the provider.
    expect(await control.requests("distributeHppSession")).toHaveLength(1);
  });

  it("uses the agent sentence the brief asks for on refused contacts", async () => {
    const created = await client.createSession(sessionInput());
    const error = await rejection(client.distribute(sessionRefOf(created), { method: "email", email: "blocked@example.com" }, uniqueKey()));
    expect(error.userMessage).toBe("This customer can't be sent a payment link. Ask for another contact or payment method.");
  });

  it("refuses to distribute a disabled session", async () => {
    const created = await client.createSession(sessionInput());
    await client.disableSession(sessionRefOf(created));
    const error = await rejection(client.distribute(sessionRefOf(created), { method: "email", email: "anna@example.com" }, uniqueKey()));
    expect(error.code).toBe("CONSTRAINT_VIOLATION");
    expect(await control.outbox(created.providerSessionId)).toEqual([]);
  });
});

describe.each(["classic", "error_id"] as const)("error body shape %s", (shape) => {
  it("maps the code, keeps the correlation id and logs provider text redacted", async () => {
    await control.config({ error_shape: shape });
    const created = await client.createSession(sessionInput());
    const error = await rejection(client.distribute(sessionRefOf(created), { method: "email", email: "blocked@example.com" }, uniqueKey()));
    expect(error.code).toBe("BLACKLIST_REFUSED");
    expect(error.field).toBe("email");
    expect(error.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(error.userMessage).not.toMatch(/refused|contact_information/);
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

describe("Kustom account and lifecycle errors", () => {
  it("reports wrong credentials as UNAUTHORIZED without retrying", async () => {
    const wrong = kustomClient(sandbox.url, { password: "not-the-secret", logger });
    const error = await rejection(wrong.createSession(sessionInput()));
    expect(error.code).toBe("UNAUTHORIZED");
    expect(error.httpStatus).toBe(401);
    expect(error.retryable).toBe(false);
    expect(error.userMessage).toMatch(/administrator/);
    expect(await control.requests("createOrderMerchant")).toHaveLength(1);
    expect(logger.text()).not.toContain("not-the-secret");
  });

  it("reports an expired session as NOT_FOUND for read, disable and distribute", async () => {
    const created = await client.createSession(sessionInput());
    await control.expire(created.providerSessionId);
    const ref = sessionRefOf(created);
    for (const call of [client.getSession(ref), client.disableSession(ref), client.distribute(ref, { method: "email", email: "a@example.com" }, uniqueKey())]) {
      const error = await rejection(call);
      expect(error.code).toBe("NOT_FOUND");
      expect(error.httpStatus).toBe(404);
      expect(error.userMessage).toBe(HPP_ERROR_MESSAGES.NOT_FOUND);
    }
  });

  it("reports SESSION_EXPIRED when the stored expiry has passed", async () => {
    const created = await client.createSession(sessionInput());
    await control.expire(created.providerSessionId);
    const error = await rejection(client.getSession({ ...sessionRefOf(created), expiresAt: new Date(Date.now() - 1_000) }));
    expect(error.code).toBe("SESSION_EXPIRED");
  });

  it("reports disabling a completed session as ALREADY_COMPLETED", async () => {
    const created = await client.createSession(sessionInput());
    await control.setStatus(created.providerSessionId, "COMPLETED");
    const error = await rejection(client.disableSession(sessionRefOf(created)));
    expect(error.code).toBe("ALREADY_COMPLETED");
    expect(error.httpStatus).toBe(400);
    expect(error.userMessage).toBe("The customer has already paid with this link, so it can't be cancelled.");
    expect((await client.getSession(sessionRefOf(created))).status).toBe("COMPLETED");
  });

  it("never sends credentials to a session URL on another origin", async () => {
    const created = await client.createSession(sessionInput());
    const error = await rejection(client.getSession({ ...sessionRefOf(created), sessionUrl: "http://127.0.0.1:9/hpp/v1/sessions/x" }));
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
