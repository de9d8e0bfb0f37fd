import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HPP_ERROR_MESSAGES, HppError } from "@/lib/hpp/errors";
import type { KustomHppProvider } from "@/lib/hpp/kustom";
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

describe("timeouts", () => {
  it("gives up after the configured timeout and does not repeat the call", async () => {
    const created = await client.createSession(sessionInput());
    await control.fault({ operation: "getSessionById", count: 1, fault: "hang" });
    const impatient = kustomClient(sandbox.url, { logger, timeoutMs: 300 });
    const started = performance.now();
    const error = await rejection(impatient.getSession(created));
    const elapsed = performance.now() - started;
    expect(error.code).toBe("TIMEOUT");
    expect(error.retryable).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2_000);
    expect(await control.requests("getSessionById")).toHaveLength(1);
  });

  it("times out a hanging create; repeating it with the same record key returns one session", async () => {
    const input = sessionInput();
    await control.fault({ operation: "createHppSession", count: 1, fault: "hang" });
    const impatient = kustomClient(sandbox.url, { logger, timeoutMs: 300 });
    expect((await rejection(impatient.createSession(input))).code).toBe("TIMEOUT");
    const created = await client.createSession(input);
    const again = await client.createSession(input);
    expect(again.providerSessionId).toBe(created.providerSessionId);
    const orders = await control.requests("createOrderMerchant");
    expect(new Set(orders.map((r) => r.idempotency_key))).toEqual(new Set([`${input.idempotencyKey}:order`]));
  });
});

describe("retries", () => {
  it("retries a 503 and succeeds, sending the same idempotency key on both attempts", async () => {
    const input = sessionInput();
    await control.fault({ operation: "createHppSession", count: 1, fault: "503" });
    const created = await client.createSession(input);
    expect(created.providerSessionId).toBeTruthy();
    const attempts = await control.requests("createHppSession");
    expect(attempts.map((r) => r.status)).toEqual([503, 201]);
    expect(attempts.map((r) => r.idempotency_key)).toEqual([`${input.idempotencyKey}:session`, `${input.idempotencyKey}:session`]);
  });

  it("stops after three attempts of 503 with PROVIDER_UNAVAILABLE", async () => {
    await control.fault({ operation: "createOrderMerchant", count: 5, fault: "503" });
    const error = await rejection(client.createSession(sessionInput()));
    expect(error.code).toBe("PROVIDER_UNAVAILABLE");
    expect(error.retryable).toBe(true);
    expect((await control.requests("createOrderMerchant")).map((r) => r.status)).toEqual([503, 503, 503]);
  });

  it("does not retry a 400", async () => {
    const created = await client.createSession(sessionInput());
    const error = await rejection(client.distribute(created, { method: "email", email: "not-an-email" }, uniqueKey()));
    expect(error.code).toBe("CONSTRAINT_VIOLATION");
    expect(await control.requests("distributeHppSession")).toHaveLength(1);
  });

  it.each([
    ["a POST that carries an idempotency key", "distributeHppSession"],
    ["a GET", "getSessionById"],
    ["a DELETE", "disableHppSession"],
  ])("does not retry a 500 on %s: the provider sees exactly one call", async (_name, operation) => {
    const created = await client.createSession(sessionInput());
    const ref = created;
    await control.fault({ operation, count: 1, fault: "500" });
    const call =
      operation === "distributeHppSession"
        ? client.distribute(ref, { method: "email", email: "anna@example.com" }, uniqueKey())
        : operation === "getSessionById"
          ? client.getSession(ref)
          : client.disableSession(ref);
    const error = await rejection(call);
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", httpStatus: 500 });
    expect((await control.requests(operation)).map((r) => r.status)).toEqual([500]);
    expect(await control.outbox(created.providerSessionId)).toEqual([]);
  });

  it("does not retry a proxy's HTML 502 and maps it without crashing", async () => {
    const created = await client.createSession(sessionInput());
    await control.fault({ operation: "getSessionById", count: 1, fault: "html_502" });
    const error = await rejection(client.getSession(created));
    expect(error).toMatchObject({ code: "PROVIDER_UNAVAILABLE", httpStatus: 502 });
    expect(HPP_ERROR_MESSAGES[error.code]).toBe("The payment provider is not responding right now. Try again in a few minutes.");
    expect(await control.requests("getSessionById")).toHaveLength(1);
    const entry = logger.entries.find((e) => e.details.operation === "getSessionById");
    expect(String(entry?.details.body)).toContain("502 Bad Gateway");
  });

  it("does not retry when the body breaks off after the response started, even on a GET", async () => {
    const created = await client.createSession(sessionInput());
    await control.fault({ operation: "getSessionById", count: 1, fault: "drop_body" });
    const error = await rejection(client.getSession(created));
    expect(error).toMatchObject({ code: "NETWORK", httpStatus: 200 });
    expect(await control.requests("getSessionById")).toHaveLength(1);
  });

  it("honours Retry-After on a 429 before retrying", async () => {
    const created = await client.createSession(sessionInput());
    const key = uniqueKey();
    await control.fault({ operation: "distributeHppSession", count: 1, fault: "429", retry_after_seconds: 1 });
    const started = performance.now();
    await client.distribute(created, { method: "sms", phone: "+46701234567", phoneCountry: "SE" }, key);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1_000);
    const attempts = await control.requests("distributeHppSession");
    expect(attempts.map((r) => [r.status, r.idempotency_key])).toEqual([
      [429, key],
      [201, key],
    ]);
    expect(Date.parse(attempts[1]!.at) - Date.parse(attempts[0]!.at)).toBeGreaterThanOrEqual(1_000);
  });

  it("reports a 429 asking for a longer wait than allowed as RATE_LIMITED without waiting", async () => {
    const created = await client.createSession(sessionInput());
    await control.fault({ operation: "getSessionById", count: 1, fault: "429", retry_after_seconds: 60 });
    const started = performance.now();
    const error = await rejection(client.getSession(created));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.retryAfterMs).toBe(60_000);
    expect(await control.requests("getSessionById")).toHaveLength(1);
  });

  it("does not retry the playground email limit, a daily quota", async () => {
    await control.config({ environment: "playground", email_daily_limit: 0 });
    const created = await client.createSession(sessionInput());
    const error = await rejection(client.distribute(created, { method: "email", email: "anna@example.com" }, uniqueKey()));
    expect(error.code).toBe("EMAIL_LIMIT_EXCEEDED");
    expect(await control.requests("distributeHppSession")).toHaveLength(1);
  });

  it("retries connection failures and then reports NETWORK", async () => {
    let calls = 0;
    const countingFetch: typeof fetch = (input, init) => {
      calls += 1;
      return fetch(input, init);
    };
    const unreachable = kustomClient("http://127.0.0.1:9", { logger, fetch: countingFetch });
    const error = await rejection(unreachable.createSession(sessionInput()));
    expect(error.code).toBe("NETWORK");
    expect(error.retryable).toBe(true);
    expect(calls).toBe(3);
  });
});

describe("malformed responses", () => {
  it("turns a non-JSON success body into MALFORMED_RESPONSE", async () => {
    await control.fault({ operation: "createHppSession", count: 1, fault: "malformed_json" });
    const error = await rejection(client.createSession(sessionInput()));
    expect(error.code).toBe("MALFORMED_RESPONSE");
    expect(error.httpStatus).toBe(201);
    expect(logger.entries.some((e) => e.details.reason === "body is not JSON")).toBe(true);
  });

  it("turns JSON of the wrong shape into MALFORMED_RESPONSE", async () => {
    const created = await client.createSession(sessionInput());
    // The order URL answers a Checkout order, not an HPP session.
    const error = await rejection(client.getSession({ providerSessionId: created.providerSessionId, sessionUrl: created.orderUrl! }));
    expect(error.code).toBe("MALFORMED_RESPONSE");
    expect(logger.entries.some((e) => e.details.reason === "body does not match the schema")).toBe(true);
  });

  it("reports a distribution answered with broken JSON as a failure; the outbox and the portal agree nothing was sent", async () => {
    const created = await client.createSession(sessionInput());
    const key = uniqueKey();
    await control.fault({ operation: "distributeHppSession", count: 1, fault: "malformed_json" });
    const error = await rejection(client.distribute(created, { method: "email", email: "anna@example.com" }, key));
    expect(error).toMatchObject({ code: "MALFORMED_RESPONSE", httpStatus: 200, retryable: true });
    expect(await control.outbox(created.providerSessionId)).toEqual([]);
    // Retrying with the same key, as the portal does for a retryable failure, sends exactly one message.
    await client.distribute(created, { method: "email", email: "anna@example.com" }, key);
    expect(await control.outbox(created.providerSessionId)).toHaveLength(1);
  });

  it("reports a disable answered with broken JSON as a failure, and the session is still open", async () => {
    const created = await client.createSession(sessionInput());
    await control.fault({ operation: "disableHppSession", count: 1, fault: "malformed_json" });
    const error = await rejection(client.disableSession(created));
    expect(error.code).toBe("MALFORMED_RESPONSE");
    expect((await client.getSession(created)).status).toBe("WAITING");
  });

  it("turns a broken body on read into MALFORMED_RESPONSE", async () => {
    const created = await client.createSession(sessionInput());
    await control.fault({ operation: "getSessionById", count: 1, fault: "malformed_json" });
    expect((await rejection(client.getSession(created))).code).toBe("MALFORMED_RESPONSE");
  });
});
