import "server-only";
import type { z } from "zod";
import { HppError } from "./errors";
import { errorFromResponse, parseProviderError, type ErrorContext } from "./provider-errors";
import { consoleLogger, logRedacted, type HppLogger } from "./log";

export const PORTAL_USER_AGENT = "hpp-merchant-portal/0.1 (lib/hpp)";

export interface RetryPolicy {
  /** Total attempts, including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A 429/503 asking us to wait longer than this is reported at once instead of waited out. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 5_000, maxRetryAfterMs: 10_000 };

/** Everything a provider client needs to talk HTTP; all of it injectable so tests run fast and deterministic. */
export interface HttpConfig {
  timeoutMs: number;
  userAgent: string;
  retry?: Partial<RetryPolicy>;
  logger?: HppLogger;
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

/**
 * Full-jitter backoff: a uniform delay in [0, min(maxDelayMs, baseDelayMs * 2^(retry-1))).
 * `retry` is 1 for the first retry.
 */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.min(Math.floor(r * ceiling), Math.max(0, ceiling - 1));
}

/** Milliseconds a 429/503 asks us to wait: `Retry-After` (seconds or HTTP date), else `RateLimit-Reset` / `RateLimit: reset=`. */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const retryAfter = headers.get("retry-after")?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.ceil(Number(retryAfter) * 1000);
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const reset = headers.get("ratelimit-reset")?.trim() ?? /(?:^|[;,\s])reset=(\d+)/i.exec(headers.get("ratelimit") ?? "")?.[1];
  if (reset && /^\d+$/.test(reset)) return Number(reset) * 1000;
  return undefined;
}

export function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

// Failures where undici never got a request onto the wire, so repeating cannot duplicate an effect.
const CONNECT_PHASE_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);

function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export interface HttpCall<T> {
  /** Contract operation id, for logs (e.g. "createHppSession"). */
  operation: string;
  method: "GET" | "POST" | "DELETE";
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent in every header named by `idempotencyHeaders`; the same value on every attempt. */
  idempotencyKey?: string;
  idempotencyHeaders?: readonly string[];
  /** Repeating the call cannot cause a second effect even without a key (e.g. a token login). */
  idempotent?: boolean;
  /** Success body schema; omit when the body is ignored (204). */
  schema?: z.ZodType<T>;
  /**
   * The 2xx statuses the contract documents for this call. Any other 2xx is MALFORMED_RESPONSE, so a
   * call without a body (distribution, disable) is never taken as done on a status the provider did not promise.
   */
  successStatuses?: readonly number[];
  errorContext?: Omit<ErrorContext, "operation">;
  signal?: AbortSignal;
}

export interface HttpResult<T> {
  status: number;
  headers: Headers;
  data: T;
  attempts: number;
}

type Outcome<T> = { ok: true; result: HttpResult<T> } | { ok: false; error: HppError; retry: boolean; waitMs?: number };

/**
 * Retry policy (docs/providers.md#retries-and-idempotency): only where repeating cannot cause a second effect the provider did not already dedupe.
 * - network failure before any response: retried when the call is repeatable (GET/DELETE, an idempotency key,
 *   or `idempotent`) or when the connection was never established;
 * - 503 and 429 (except EMAIL_LIMIT_EXCEEDED, a daily quota): retried, honouring Retry-After / RateLimit-Reset;
 * - everything else is reported at once: other 4xx, 500/502/504 (the call may have had its effect), a failure
 *   while reading a body that had started to arrive, and timeouts (the caller sees TIMEOUT, retryable, and may
 *   repeat with the same key; three silent timeouts in a row would keep an agent waiting for minutes).
 */
export class HttpClient {
  private readonly policy: RetryPolicy;
  private readonly logger: HppLogger;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly config: HttpConfig) {
    this.policy = { ...DEFAULT_RETRY_POLICY, ...config.retry };
    this.logger = config.logger ?? consoleLogger;
    this.fetchImpl = config.fetch ?? ((input, init) => fetch(input, init));
    this.sleep = config.sleep ?? defaultSleep;
    this.random = config.random ?? Math.random;
    this.now = config.now ?? Date.now;
  }

  async request<T>(call: HttpCall<T>): Promise<HttpResult<T>> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(call, attempt);
      if (outcome.ok) return outcome.result;
      if (!outcome.retry || attempt >= this.policy.maxAttempts) throw outcome.error;
      const wait = outcome.waitMs ?? backoffDelay(attempt, this.policy, this.random);
      await this.sleep(wait, call.signal);
    }
  }

  private headersFor(call: HttpCall<unknown>): Record<string, string> {
    const headers: Record<string, string> = {
      Accept: "application/json",
      "User-Agent": this.config.userAgent,
      ...call.headers,
    };
    if (call.body !== undefined) headers["Content-Type"] = "application/json";
    if (call.idempotencyKey !== undefined) {
      for (const name of call.idempotencyHeaders ?? ["Klarna-Idempotency-Key"]) headers[name] = call.idempotencyKey;
    }
    return headers;
  }

  private async attempt<T>(call: HttpCall<T>, attempt: number): Promise<Outcome<T>> {
    const timeout = AbortSignal.timeout(this.config.timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
    const repeatable = call.method !== "POST" || call.idempotencyKey !== undefined || call.idempotent === true;
    const context: ErrorContext = { operation: call.operation, ...call.errorContext };

    const timedOut = (error: unknown): Outcome<T> => {
      logRedacted(this.logger, `${call.operation} timed out`, { operation: call.operation, attempt, timeoutMs: this.config.timeoutMs });
      return { ok: false, error: new HppError("TIMEOUT", { detail: `${call.operation} timed out after ${this.config.timeoutMs} ms`, cause: error }), retry: false };
    };

    let response: Response;
    try {
      response = await this.fetchImpl(call.url, {
        method: call.method,
        headers: this.headersFor(call),
        ...(call.body !== undefined && { body: JSON.stringify(call.body) }),
        redirect: "manual",
        signal,
      });
    } catch (error) {
      if (timeout.aborted) return timedOut(error);
      if (call.signal?.aborted) throw error;
      const code = networkCode(error);
      logRedacted(this.logger, `${call.operation} network failure`, { operation: call.operation, attempt, code, error: String(error) });
      return {
        ok: false,
        error: new HppError("NETWORK", { detail: `${call.operation} failed: ${code ?? "network error"}`, cause: error }),
        retry: repeatable || (code !== undefined && CONNECT_PHASE_CODES.has(code)),
      };
    }

    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (timeout.aborted) return timedOut(error);
      if (call.signal?.aborted) throw error;
      // The provider answered, so it may have acted: not repeated here.
      const code = networkCode(error);
      logRedacted(this.logger, `${call.operation} response body failed`, { operation: call.operation, attempt, status: response.status, code, error: String(error) });
      return {
        ok: false,
        error: new HppError("NETWORK", { httpStatus: response.status, detail: `${call.operation}: response body failed: ${code ?? "network error"}`, cause: error }),
        retry: false,
      };
    }

    const correlationId =
      response.headers.get("klarna-correlation-id") ?? response.headers.get("correlation-id") ?? response.headers.get("x-correlation-id") ?? undefined;

    if (response.status >= 200 && response.status < 300) {
      return this.parseSuccess(call, response, text, attempt, correlationId);
    }

    const parsed = parseProviderError(text);
    const waitMs = retryAfterMs(response.headers, this.now());
    const error = errorFromResponse(response.status, parsed, context, {
      ...(correlationId !== undefined && { correlationId }),
      ...(waitMs !== undefined && { retryAfterMs: waitMs }),
    });
    logRedacted(this.logger, `${call.operation} failed with HTTP ${response.status}`, {
      operation: call.operation,
      attempt,
      status: response.status,
      code: error.code,
      correlationId: error.correlationId,
      body: text.slice(0, 2_000),
    });

    const status = response.status;
    const retry = status === 503 || (status === 429 && error.code === "RATE_LIMITED");
    if (retry && waitMs !== undefined) {
      if (waitMs > this.policy.maxRetryAfterMs) return { ok: false, error, retry: false };
      return { ok: false, error, retry, waitMs };
    }
    return { ok: false, error, retry };
  }

  private parseSuccess<T>(call: HttpCall<T>, response: Response, text: string, attempt: number, correlationId: string | undefined): Outcome<T> {
    const result = (data: T): Outcome<T> => ({ ok: true, result: { status: response.status, headers: response.headers, data, attempts: attempt } });
    const malformed = (reason: string, details: Record<string, unknown>): Outcome<T> => {
      logRedacted(this.logger, `${call.operation} returned an unreadable body`, { operation: call.operation, status: response.status, reason, correlationId, ...details });
      return {
        ok: false,
        error: new HppError("MALFORMED_RESPONSE", { httpStatus: response.status, detail: `${call.operation}: ${reason}`, ...(correlationId !== undefined && { correlationId }) }),
        retry: false,
      };
    };
    if (call.successStatuses !== undefined && !call.successStatuses.includes(response.status)) {
      return malformed(`undocumented success status ${response.status}`, { expected: call.successStatuses, body: text.slice(0, 500) });
    }
    if (!call.schema) return result(undefined as T);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return malformed("body is not JSON", { body: text.slice(0, 500) });
    }
    const parsed = call.schema.safeParse(json);
    if (!parsed.success) {
      // Paths and zod's messages only: values may hold personal data.
      return malformed("body does not match the schema", { issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
    }
    return result(parsed.data);
  }
}
