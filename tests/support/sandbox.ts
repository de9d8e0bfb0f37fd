import { createSandbox } from "@/sandbox/src/server";
import { KustomHppProvider, type KustomConfig } from "@/lib/hpp/kustom";
import { PlatformHppProvider, type PlatformConfig } from "@/lib/hpp/platform";
import { MemoryLogger } from "./memory-logger";
import type { CreateSessionInput } from "@/lib/hpp/types";

export { MemoryLogger };

export interface RunningSandbox {
  url: string;
  close(): Promise<void>;
}

export async function startSandbox(): Promise<RunningSandbox> {
  const sandbox = await createSandbox({ port: 0, callbackRetryDelaysMs: [0, 0, 0] });
  return { url: sandbox.url.replace(/\/+$/, ""), close: () => Promise.resolve(sandbox.close()) };
}

export interface OutboxMessage {
  id: string;
  channel: string;
  recipient: string;
  session_id: string;
  link: string;
  sent_at: string;
}

export interface RequestLogEntry {
  operation: string;
  method: string;
  path: string;
  idempotency_key: string | null;
  status: number | null;
  at: string;
}

export type FaultKind = "503" | "500" | "429" | "401" | "hang" | "malformed_json" | "error_code" | "html_502" | "drop_body" | "no_location";

/** The sandbox's control API (JSON, no auth). */
export class SandboxControl {
  constructor(readonly url: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      ...(body !== undefined && { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox ${method} ${path} → ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  reset(): Promise<unknown> {
    return this.call("POST", "/sandbox/reset");
  }

  config(patch: Record<string, unknown>): Promise<unknown> {
    return this.call("POST", "/sandbox/config", patch);
  }

  fault(fault: { operation: string; count: number; fault: FaultKind; retry_after_seconds?: number; error_code?: string; status?: number }): Promise<unknown> {
    return this.call("POST", "/sandbox/faults", fault);
  }

  clearFaults(): Promise<unknown> {
    return this.call("DELETE", "/sandbox/faults");
  }

  async outbox(sessionId?: string): Promise<OutboxMessage[]> {
    const query = sessionId ? `?session_id=${encodeURIComponent(sessionId)}` : "";
    return (await this.call<{ messages: OutboxMessage[] }>("GET", `/sandbox/outbox${query}`)).messages;
  }

  async requests(operation?: string): Promise<RequestLogEntry[]> {
    const query = operation ? `?operation=${encodeURIComponent(operation)}` : "";
    return (await this.call<{ requests: RequestLogEntry[] }>("GET", `/sandbox/requests${query}`)).requests;
  }

  async callbacks(sessionId?: string): Promise<{ session_id: string; status: string; outcome: string }[]> {
    const query = sessionId ? `?session_id=${encodeURIComponent(sessionId)}` : "";
    return (await this.call<{ attempts: { session_id: string; status: string; outcome: string }[] }>("GET", `/sandbox/callbacks${query}`)).attempts;
  }

  setStatus(sessionId: string, status: string): Promise<unknown> {
    return this.call("POST", `/sandbox/sessions/${encodeURIComponent(sessionId)}/status`, { status });
  }

  /** Moves the sandbox's clock forward (expiries, token lifetimes); reset() puts it back. */
  advanceClock(ms: number): Promise<unknown> {
    return this.call("POST", "/sandbox/clock", { advance_ms: ms });
  }

  expire(sessionId: string): Promise<unknown> {
    return this.call("POST", `/sandbox/sessions/${encodeURIComponent(sessionId)}/expire`);
  }
}

/** Refuses connections at once, so the sandbox's status_update callbacks never leave the machine. */
export const PORTAL = "http://127.0.0.1:9/portal";

/** Fast retries so resilience tests do not wait for production backoff. */
export const FAST_RETRY = { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 3, maxRetryAfterMs: 5_000 };

export function kustomClient(url: string, overrides: Partial<KustomConfig> = {}): KustomHppProvider {
  return new KustomHppProvider({
    apiUrl: url,
    username: "sandbox-merchant",
    password: "sandbox-secret",
    timeoutMs: 5_000,
    retry: FAST_RETRY,
    logger: new MemoryLogger(),
    ...overrides,
  });
}

export function platformClient(url: string, overrides: Partial<PlatformConfig> = {}): PlatformHppProvider {
  return new PlatformHppProvider({
    apiUrl: url,
    username: "sandbox-merchant",
    password: "sandbox-secret",
    apiKey: "sandbox-api-key",
    terminalId: "SANDBOX01",
    timeoutMs: 5_000,
    retry: FAST_RETRY,
    logger: new MemoryLogger(),
    ...overrides,
  });
}

let counter = 0;

export function uniqueKey(prefix = "rec"): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

export function sessionInput(overrides: Partial<CreateSessionInput> = {}): CreateSessionInput {
  const key = overrides.idempotencyKey ?? uniqueKey();
  return {
    idempotencyKey: key,
    merchantReference: `ORDER-${key}`,
    purchaseCountry: "SE",
    currency: "SEK",
    locale: "sv-SE",
    lines: [
      { name: "Red T-Shirt", quantity: 2, unitPrice: 19_900, taxRate: 2500, reference: "TS-RED" },
      { name: "Shipping", quantity: 1, unitPrice: 4_900, taxRate: 2500, discount: 900 },
    ],
    customer: { name: "Anna Andersson", email: "anna@example.com", phoneE164: "+46701234567" },
    merchantUrls: {
      success: `${PORTAL}/pay/success?sid={{session_id}}&order={{order_id}}`,
      cancel: `${PORTAL}/pay/cancel?sid={{session_id}}`,
      back: `${PORTAL}/pay/back?sid={{session_id}}`,
      failure: `${PORTAL}/pay/failure?sid={{session_id}}`,
      error: `${PORTAL}/pay/error?sid={{session_id}}`,
      statusUpdate: `${PORTAL}/api/hpp/status?sid={{session_id}}&secret=s3cr3t`,
      order: {
        terms: `${PORTAL}/terms`,
        checkout: `${PORTAL}/pay/back`,
        confirmation: `${PORTAL}/pay/confirmation?order_id={checkout.order.id}`,
        push: `${PORTAL}/api/hpp/kustom/push?order_id={checkout.order.id}&ref=portal-ref-1&secret=s3cr3t`,
      },
    },
    options: { pageTitle: "Pay your order", purchaseType: "BUY", placeOrderMode: "PLACE_ORDER" },
    platform: { transactionType: "PURCHASE" },
    ...overrides,
  };
}
