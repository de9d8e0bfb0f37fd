import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { SandboxContext } from "./context";
import { klarnaError, platformError } from "./errors";
import {
  BodyTooLargeError,
  headerValue,
  iso,
  parseBasicAuth,
  parseBearer,
  readBody,
  writeResponse,
  type SerializedResponse,
} from "./http";
import type { Fault, OperationId } from "./state";

export type OperationFamily = "klarna" | "platform";
export type AuthKind = "basic" | "none" | "platform-bearer";

export interface OperationInput {
  ctx: SandboxContext;
  req: IncomingMessage;
  url: URL;
  params: Record<string, string>;
  rawBody: string;
}

export interface OperationDef {
  id: OperationId;
  family: OperationFamily;
  auth: AuthKind;
  /** Headers carrying an idempotency key, first match wins; empty when the operation is not idempotent-keyed. */
  idempotencyHeaders: readonly string[];
  /** Status a successful call answers with (used by the malformed_json fault). */
  successStatus: number;
  handle(input: OperationInput): SerializedResponse;
}

type AuthResult = { ok: true; principal: string } | { ok: false; response: SerializedResponse };

function authenticate(ctx: SandboxContext, def: OperationDef, req: IncomingMessage): AuthResult {
  const { credentials, state } = ctx;
  if (def.auth === "none") return { ok: true, principal: "anonymous" };
  if (def.auth === "basic") {
    const basic = parseBasicAuth(headerValue(req, "authorization"));
    if (basic && basic.username === credentials.username && basic.password === credentials.password) {
      return { ok: true, principal: `basic:${basic.username}` };
    }
    return {
      ok: false,
      response: klarnaError(state.config.error_shape, 401, "UNAUTHORIZED", ["Invalid or missing credentials"], [], {
        "www-authenticate": 'Basic realm="hpp-sandbox"',
      }),
    };
  }
  const bearer = parseBearer(headerValue(req, "authorization"));
  const token = bearer ? state.platformTokens.get(bearer) : undefined;
  if (!bearer || !token) {
    return {
      ok: false,
      response: platformError(401, "UNAUTHORIZED", [
        { property: "authorization", message: "missing or invalid bearer access token" },
      ]),
    };
  }
  if (Date.now() >= token.expiresAt) {
    return {
      ok: false,
      response: platformError(401, "UNAUTHORIZED", [{ property: "authorization", message: "access token expired" }]),
    };
  }
  const apiKey = headerValue(req, "x-api-key");
  if (apiKey !== credentials.apiKey) {
    return {
      ok: false,
      response: platformError(403, "FORBIDDEN", [
        { property: "x-api-key", message: apiKey ? "invalid API key" : "missing API key" },
      ]),
    };
  }
  return { ok: true, principal: `platform:${token.username}:${apiKey}` };
}

function takeFault(ctx: SandboxContext, operation: OperationId): Fault | undefined {
  const faults = ctx.state.faults;
  const index = faults.findIndex((fault) => fault.operation === operation);
  const fault = faults[index];
  if (!fault) return undefined;
  fault.remaining -= 1;
  if (fault.remaining <= 0) faults.splice(index, 1);
  return fault;
}

function faultResponse(ctx: SandboxContext, def: OperationDef, fault: Fault): SerializedResponse {
  const shape = ctx.state.config.error_shape;
  const klarna = def.family === "klarna";
  switch (fault.fault) {
    case "503":
      return klarna
        ? klarnaError(shape, 503, "TEMPORARILY_UNAVAILABLE", ["Temporarily unavailable"])
        : platformError(503, "SERVICE_UNAVAILABLE", [{ property: "service", message: "temporarily unavailable" }]);
    case "500":
      return klarna
        ? klarnaError(shape, 500, "INTERNAL_SERVER_ERROR", ["Unexpected server error"])
        : platformError(500, "INTERNAL_ERROR", [{ property: "service", message: "unexpected server error" }]);
    case "401":
      return klarna
        ? klarnaError(shape, 401, "UNAUTHORIZED", ["Invalid or missing credentials"])
        : platformError(401, "UNAUTHORIZED", [{ property: "authorization", message: "access token rejected" }]);
    case "429": {
      const seconds = String(fault.retry_after_seconds ?? 1);
      const headers = { "retry-after": seconds, "ratelimit-reset": seconds };
      return klarna
        ? klarnaError(shape, 429, "TOO_MANY_REQUESTS", ["Too many requests"], [], headers)
        : platformError(429, "TOO_MANY_REQUESTS", [{ property: "rate_limit", message: "too many requests" }], headers);
    }
    case "error_code": {
      const status = fault.status ?? 400;
      const code = fault.error_code ?? "UNKNOWN";
      return klarna
        ? klarnaError(shape, status, code, [`Injected fault: ${code}`])
        : platformError(status, code, [{ property: "fault", message: `injected fault: ${code}` }]);
    }
    case "hang":
    case "malformed_json":
      // The caller never answers a hang; 204 cannot carry a body, so DELETE answers 200 with the broken JSON.
      return {
        status: def.successStatus === 204 ? 200 : def.successStatus,
        headers: { "content-type": "application/json; charset=utf-8" },
        body: '{"sandbox_fault":"malformed_json","truncated":',
      };
  }
}

function idempotencyKeyOf(def: OperationDef, req: IncomingMessage): string | null {
  for (const name of def.idempotencyHeaders) {
    const value = headerValue(req, name);
    if (value) return value;
  }
  return null;
}

/** The one path every provider API call takes: latency, auth, faults, idempotency, logging. */
export async function runOperation(
  ctx: SandboxContext,
  def: OperationDef,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  params: Record<string, string>,
): Promise<void> {
  const at = iso(Date.now());
  const idempotencyKey = idempotencyKeyOf(def, req);
  const finish = (response: SerializedResponse | null): void => {
    ctx.state.requests.push({
      operation: def.id,
      method: req.method ?? "GET",
      path: url.pathname,
      idempotency_key: idempotencyKey,
      status: response ? response.status : null,
      at,
    });
    if (response) writeResponse(res, response);
  };

  let rawBody: string;
  try {
    rawBody = await readBody(req);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      finish(klarnaError(ctx.state.config.error_shape, 413, "REQUEST_TOO_LARGE", ["Request is too large"]));
    }
    return;
  }

  const latency = ctx.state.config.latency_ms;
  if (latency > 0) {
    try {
      await sleep(latency, undefined, { signal: ctx.signal });
    } catch {
      return;
    }
  }

  const auth = authenticate(ctx, def, req);
  if (!auth.ok) return finish(auth.response);

  const fault = takeFault(ctx, def.id);
  if (fault) return finish(fault.fault === "hang" ? null : faultResponse(ctx, def, fault));

  const scope = idempotencyKey ? JSON.stringify([def.id, auth.principal, url.pathname, idempotencyKey]) : null;
  if (scope) {
    const stored = ctx.state.idempotency.get(scope);
    if (stored) return finish({ ...stored, headers: { ...stored.headers, "idempotent-replayed": "true" } });
  }

  const response = def.handle({ ctx, req, url, params, rawBody });
  if (scope) ctx.state.idempotency.set(scope, response);
  finish(response);
}
