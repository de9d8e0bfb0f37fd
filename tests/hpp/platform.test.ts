import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HPP_ERROR_MESSAGES, HppError } from "@/lib/hpp/errors";
import type { PlatformHppProvider } from "@/lib/hpp/platform";
import { priceOrder } from "@/lib/domain/order-lines";
import { MemoryLogger, SandboxControl, platformClient, sessionInput, startSandbox, type RunningSandbox } from "../support/sandbox";

let sandbox: RunningSandbox;
let control: SandboxControl;
let logger: MemoryLogger;
let client: PlatformHppProvider;

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
  client = platformClient(sandbox.url, { logger });
});

async function rejection(promise: Promise<unknown>): Promise<HppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HppError);
  return error as HppError;
}

interface SandboxPlatformSession {
  session_id: string;
  reference: string;
  terminal_id: string;
  amount: number;
  currency: string;
  transaction_type: string;
  redirect_url: string;
}

async function platformSessions(): Promise<SandboxPlatformSession[]> {
  const response = await fetch(`${sandbox.url}/sandbox/platform/sessions`);
  return ((await response.json()) as { sessions: SandboxPlatformSession[] }).sessions;
}

describe("payment platform happy path", () => {
  it("creates a session and returns redirect_url and session_id as given", async () => {
    const input = sessionInput({ currency: "EUR", platform: { transactionType: "AUTHORIZE" } });
    const created = await client.createSession(input);
    expect(created.kind).toBe("PAYMENT_PLATFORM");
    expect(created.providerSessionId).toMatch(/^[A-Za-z0-9]{20}$/);
    expect(created.redirectUrl).toMatch(new RegExp(`^${sandbox.url}/hpp/payment/[A-Za-z0-9]{40}/${created.providerSessionId}$`));
    expect(created.amount).toBe(priceOrder(input.lines).orderAmount);
    expect(created.sessionUrl).toBeUndefined();
    expect(created.qrCodeUrl).toBeUndefined();

    const [stored] = await platformSessions();
    expect(stored).toMatchObject({
      session_id: created.providerSessionId,
      reference: input.merchantReference,
      terminal_id: "SANDBOX01",
      amount: created.amount,
      currency: "EUR",
      transaction_type: "AUTHORIZE",
      redirect_url: created.redirectUrl,
    });
    const [request] = await control.requests("platformCreateSession");
    expect(request?.idempotency_key).toBe(`${input.idempotencyKey}:session`);
  });

  it("declares and enforces that it cannot distribute, read or disable", async () => {
    expect(client.capabilities).toEqual({ distribution: [], readSession: false, disableSession: false });
    const created = await client.createSession(sessionInput());
    const ref = { providerSessionId: created.providerSessionId };
    for (const call of [client.distribute(ref, { method: "email", email: "a@example.com" }, "k"), client.getSession(ref), client.disableSession(ref)]) {
      const error = await rejection(call);
      expect(error.code).toBe("NOT_SUPPORTED");
      expect(HPP_ERROR_MESSAGES[error.code]).toBe(HPP_ERROR_MESSAGES.NOT_SUPPORTED);
    }
  });

  it("uses a terminal override and saves the card on a terminal that supports it", async () => {
    await control.config({ tokenization_terminals: ["TOKEN01"] });
    await client.createSession(sessionInput({ platform: { transactionType: "PURCHASE", saveCard: true, terminalId: "TOKEN01" } }));
    const [stored] = await platformSessions();
    expect(stored?.terminal_id).toBe("TOKEN01");
  });
});

describe("payment platform token", () => {
  it("logs in once for two sessions", async () => {
    await client.createSession(sessionInput());
    await client.createSession(sessionInput());
    expect(await control.requests("platformToken")).toHaveLength(1);
    expect(await control.requests("platformCreateSession")).toHaveLength(2);
  });

  it("shares one login between concurrent sessions", async () => {
    await Promise.all([client.createSession(sessionInput()), client.createSession(sessionInput()), client.createSession(sessionInput())]);
    expect(await control.requests("platformToken")).toHaveLength(1);
  });

  it("logs in again 30 s before the token expires", async () => {
    let now = Date.now();
    const clocked = platformClient(sandbox.url, { logger, now: () => now });
    await clocked.createSession(sessionInput());
    now += (300 - 31) * 1000;
    await clocked.createSession(sessionInput());
    expect(await control.requests("platformToken")).toHaveLength(1);
    now += 2 * 1000;
    await clocked.createSession(sessionInput());
    expect(await control.requests("platformToken")).toHaveLength(2);
  });

  it("accepts a token response without expires_in (the platform guide documents none) and assumes a short lifetime", async () => {
    await control.config({ token_expires_in: false });
    let now = Date.now();
    const clocked = platformClient(sandbox.url, { logger, now: () => now });
    await clocked.createSession(sessionInput());
    now += 29_000;
    await clocked.createSession(sessionInput());
    expect(await control.requests("platformToken")).toHaveLength(1);
    now += 2_000;
    await clocked.createSession(sessionInput());
    expect(await control.requests("platformToken")).toHaveLength(2);
  });

  it("uses a JWT's exp claim when expires_in is missing", async () => {
    await control.config({ token_expires_in: false, token_format: "jwt", token_ttl_seconds: 600 });
    let now = Date.now();
    const clocked = platformClient(sandbox.url, { logger, now: () => now });
    await clocked.createSession(sessionInput());
    now += (600 - 32) * 1000;
    await clocked.createSession(sessionInput());
    expect(await control.requests("platformToken")).toHaveLength(1);
    now += 4_000;
    await clocked.createSession(sessionInput());
    expect(await control.requests("platformToken")).toHaveLength(2);
  });

  it("refreshes once and succeeds when the server expired the token before the client expected", async () => {
    await control.config({ token_expires_in: false, token_ttl_seconds: 5 });
    const input = sessionInput();
    await client.createSession(sessionInput());
    await control.advanceClock(6_000);
    const created = await client.createSession(input);
    expect(created.providerSessionId).toBeTruthy();
    expect(await control.requests("platformToken")).toHaveLength(2);
    expect((await control.requests("platformCreateSession")).map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it("refreshes the token once and retries once with the same key after a 401", async () => {
    const input = sessionInput();
    await client.createSession(sessionInput());
    await control.fault({ operation: "platformCreateSession", count: 1, fault: "401" });
    const created = await client.createSession(input);
    expect(created.providerSessionId).toBeTruthy();
    expect(await control.requests("platformToken")).toHaveLength(2);
    const attempts = (await control.requests("platformCreateSession")).slice(1);
    expect(attempts.map((r) => [r.status, r.idempotency_key])).toEqual([
      [401, `${input.idempotencyKey}:session`],
      [200, `${input.idempotencyKey}:session`],
    ]);
  });

  it("gives up with UNAUTHORIZED when the fresh token is rejected too", async () => {
    await control.fault({ operation: "platformCreateSession", count: 2, fault: "401" });
    const error = await rejection(client.createSession(sessionInput()));
    expect(error.code).toBe("UNAUTHORIZED");
    expect(await control.requests("platformToken")).toHaveLength(2);
    expect(await control.requests("platformCreateSession")).toHaveLength(2);
  });

  it("reports wrong credentials as UNAUTHORIZED and never logs the password", async () => {
    const wrong = platformClient(sandbox.url, { logger, password: "wrong-password-123" });
    const error = await rejection(wrong.createSession(sessionInput()));
    expect(error.code).toBe("UNAUTHORIZED");
    expect(HPP_ERROR_MESSAGES[error.code]).toMatch(/administrator/);
    expect(await control.requests("platformToken")).toHaveLength(1);
    expect(await control.requests("platformCreateSession")).toHaveLength(0);
    expect(logger.text()).not.toContain("wrong-password-123");
  });

  it("reports a wrong API key as FORBIDDEN", async () => {
    const wrong = platformClient(sandbox.url, { logger, apiKey: "wrong-key" });
    const error = await rejection(wrong.createSession(sessionInput()));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.httpStatus).toBe(403);
    expect(await control.requests("platformCreateSession")).toHaveLength(1);
  });
});

describe("payment platform errors", () => {
  it("maps tokenization on an unsupported terminal to TOKENIZATION_NOT_SUPPORTED", async () => {
    const error = await rejection(client.createSession(sessionInput({ platform: { transactionType: "PURCHASE", saveCard: true } })));
    expect(error.code).toBe("TOKENIZATION_NOT_SUPPORTED");
    expect(error.field).toBe("tokenization");
    expect(error.httpStatus).toBe(400);
    expect(HPP_ERROR_MESSAGES[error.code]).toBe(HPP_ERROR_MESSAGES.TOKENIZATION_NOT_SUPPORTED);
    expect(HPP_ERROR_MESSAGES[error.code]).not.toContain("TOKENIZATION]");
  });

  it("maps a missing required field to INVALID_REQUEST with the field", async () => {
    const error = await rejection(client.createSession(sessionInput({ platform: { transactionType: "PURCHASE", terminalId: "" } })));
    expect(error.code).toBe("INVALID_REQUEST");
    expect(error.field).toBe("terminal");
    expect(error.providerField).toBe("terminal_id");
    expect(HPP_ERROR_MESSAGES[error.code]).not.toContain("empty");
    expect(await control.requests("platformCreateSession")).toHaveLength(1);
  });

  it("maps a zero amount to INVALID_REQUEST on the amount", async () => {
    const error = await rejection(client.createSession(sessionInput({ lines: [{ name: "Free", quantity: 1, unitPrice: 0, taxRate: 0 }] })));
    expect(error).toMatchObject({ code: "INVALID_REQUEST", field: "amount" });
  });

  it("retries a 503 from the platform with the same key", async () => {
    const input = sessionInput();
    await control.fault({ operation: "platformCreateSession", count: 1, fault: "503" });
    await client.createSession(input);
    const attempts = await control.requests("platformCreateSession");
    expect(attempts.map((r) => [r.status, r.idempotency_key])).toEqual([
      [503, `${input.idempotencyKey}:session`],
      [200, `${input.idempotencyKey}:session`],
    ]);
  });

  it("turns a malformed token response into MALFORMED_RESPONSE", async () => {
    await control.fault({ operation: "platformToken", count: 1, fault: "malformed_json" });
    expect((await rejection(client.createSession(sessionInput()))).code).toBe("MALFORMED_RESPONSE");
  });
});
