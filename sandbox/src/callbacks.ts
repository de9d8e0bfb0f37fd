import { randomUUID } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { setTimeout as sleep } from "node:timers/promises";
import { iso } from "./http";
import type { CallbackAttempt, CallbackOutcome, HppStatus } from "./state";

export const CALLBACK_TIMEOUT_MS = 3_000;
export const MAX_CALLBACK_ATTEMPTS = 4;
export const DEFAULT_CALLBACK_RETRY_DELAYS_MS = [1_000, 2_000, 4_000];

class CallbackTimeoutError extends Error {}

export interface StatusEvent {
  event_id: string;
  session: { session_id: string; status: HppStatus } & Record<string, unknown>;
}

function postJson(url: URL, body: string, signal: AbortSignal, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    // agent: false so no keep-alive socket outlives the sandbox.
    const req = client.request(url, {
      method: "POST",
      agent: false,
      signal,
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        "user-agent": "hpp-sandbox-callbacks",
      },
    });
    const timer = setTimeout(() => req.destroy(new CallbackTimeoutError("callback timed out")), timeoutMs);
    req.on("response", (res) => {
      clearTimeout(timer);
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(body);
  });
}

/** Fire-and-forget status_update delivery with retries; every attempt is recorded. */
export class CallbackDispatcher {
  private epoch = new AbortController();

  constructor(
    private readonly delaysMs: readonly number[],
    private readonly record: (attempt: CallbackAttempt) => void,
    closeSignal: AbortSignal,
    private readonly timeoutMs: number = CALLBACK_TIMEOUT_MS,
  ) {
    closeSignal.addEventListener("abort", () => this.epoch.abort(), { once: true });
  }

  /** Drops every pending retry and in-flight delivery (used by reset and close). */
  cancelPending(): void {
    this.epoch.abort();
    this.epoch = new AbortController();
  }

  dispatch(url: string, session: StatusEvent["session"]): StatusEvent {
    const event: StatusEvent = { event_id: randomUUID(), session };
    void this.deliver(url, event, this.epoch.signal);
    return event;
  }

  private delayBefore(attempt: number): number {
    return this.delaysMs[attempt - 2] ?? this.delaysMs[this.delaysMs.length - 1] ?? 0;
  }

  private async deliver(url: string, event: StatusEvent, signal: AbortSignal): Promise<void> {
    const body = JSON.stringify(event);
    try {
      for (let attempt = 1; attempt <= MAX_CALLBACK_ATTEMPTS; attempt++) {
        if (attempt > 1) await sleep(this.delayBefore(attempt), undefined, { signal });
        if (signal.aborted) return;
        let outcome: CallbackOutcome;
        try {
          const status = await postJson(new URL(url), body, signal, this.timeoutMs);
          outcome = status >= 200 && status < 300 ? "ok" : `http_${status}`;
        } catch (error) {
          if (signal.aborted) return;
          outcome = error instanceof CallbackTimeoutError ? "timeout" : "network_error";
        }
        this.record({
          session_id: event.session.session_id,
          event_id: event.event_id,
          status: event.session.status,
          url,
          attempt,
          outcome,
          at: iso(Date.now()),
        });
        if (outcome === "ok") return;
      }
    } catch {
      // Only an abort of the sleep lands here: the sandbox was reset or closed.
    }
  }
}
