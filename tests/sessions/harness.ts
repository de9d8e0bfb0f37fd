import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Actor } from "@/lib/auth/authorize";
import type { Db } from "@/lib/db";
import type { HppProvider, ProviderKind } from "@/lib/hpp";
import { UserError } from "@/lib/actions/user-error";
import type { StoreForLink } from "@/lib/payment-links/create";
import type { LinkDeps } from "@/lib/payment-links/deps";
import { handleStatusUpdate } from "@/lib/payment-links/callbacks";
import type { PaymentLinkFormValues } from "@/lib/validation/payment-link";
import { createSandbox } from "@/sandbox/src/server";
import type { TestDatabase } from "../support/database";
import { createStoreWithStaff } from "../support/fixtures";
import { kustomClient, platformClient, SandboxControl } from "../support/sandbox";

export const SERVER_KEY = "test-server-key-for-callback-secrets-0123456789";

/**
 * A sandbox, and a stand-in for the portal's public callback route that hands each status_update
 * to the real handler — so callbacks travel over HTTP exactly as in production.
 */
export async function startHarness(db: Db, options: { timeoutMs?: number } = {}) {
  const sandbox = await createSandbox({ port: 0, callbackRetryDelaysMs: [50, 50, 50] });
  const control = new SandboxControl(sandbox.url.replace(/\/+$/, ""));
  const portal = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://portal.test");
    const match = /^\/api\/hpp\/status-update\/([^/]+)$/.exec(url.pathname);
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      if (!match || req.method !== "POST") {
        res.writeHead(404).end();
        return;
      }
      let payload: unknown = null;
      try {
        payload = JSON.parse(body);
      } catch {
        payload = null;
      }
      handleStatusUpdate(deps, match[1]!, url.searchParams.get("secret"), payload).then(
        (outcome) => res.writeHead(outcome.status, { "Content-Type": "application/json" }).end(JSON.stringify(outcome.body)),
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => portal.listen(0, "127.0.0.1", resolve));
  const portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
  const providers: Record<ProviderKind, HppProvider> = {
    KUSTOM: kustomClient(control.url, { timeoutMs: options.timeoutMs ?? 5_000 }),
    PAYMENT_PLATFORM: platformClient(control.url, { timeoutMs: options.timeoutMs ?? 5_000 }),
  };
  const deps: LinkDeps = { db, provider: (kind) => providers[kind], portalUrl, serverKey: SERVER_KEY };
  return {
    deps,
    control,
    portalUrl,
    async close() {
      await sandbox.close();
      await new Promise<void>((resolve) => portal.close(() => resolve()));
    },
  };
}

export function actorOf(user: { id: string; email: string; name: string; role: Actor["role"]; storeId: string | null }): Actor {
  return { userId: user.id, email: user.email, name: user.name, role: user.role, storeId: user.storeId, storeName: null };
}

export function storeOf(store: StoreForLink): StoreForLink {
  return { id: store.id, provider: store.provider, country: store.country, currency: store.currency, locale: store.locale, name: store.name };
}

export function formValues(overrides: Partial<PaymentLinkFormValues> = {}): PaymentLinkFormValues {
  return {
    idempotencyKey: randomUUID(),
    lines: [
      { name: "Desk lamp", quantity: 2, unitPrice: 34_950, taxRate: 2500 },
      { name: "Bulb", quantity: 3, unitPrice: 4_900, taxRate: 2500 },
    ],
    customer: { name: "Anna Andersson", phoneE164: "+46701234567", phoneCountry: "SE" },
    channel: "sms",
    ...overrides,
  };
}

/** Polls until `check` passes or the deadline passes (then returns its last answer). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/** The UserError a call fails with; anything else (or success) fails the test. */
export async function rejection(promise: Promise<unknown>): Promise<UserError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

export type SessionSuite = {
  t: TestDatabase;
  deps: LinkDeps;
  control: SandboxControl;
  store: StoreForLink;
  agent: Actor;
};

/** A database, a sandbox and one store with its staff for a describe block; the sandbox is reset before each test. */
export function sessionSuite(create: () => Promise<TestDatabase>, options: { timeoutMs?: number } = {}): SessionSuite {
  const suite = {} as SessionSuite;
  let harness: Awaited<ReturnType<typeof startHarness>>;
  beforeAll(async () => {
    suite.t = await create();
    harness = await startHarness(suite.t.db, options);
    suite.deps = harness.deps;
    suite.control = harness.control;
    const staff = await createStoreWithStaff(suite.t.db);
    suite.store = storeOf(staff.store);
    suite.agent = actorOf(staff.agent);
  });
  afterAll(async () => {
    await harness.close();
    await suite.t.drop();
  });
  beforeEach(async () => {
    await suite.control.reset();
  });
  return suite;
}
