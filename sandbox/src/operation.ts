import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { now, type SandboxContext } from "./context";
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
  /** Basic username of the calling merchant ("" for calls without Basic auth). */
  merchant: string;
}

export interface OperationDef {
  id: OperationId;
  family: OperationFamily;
  auth: AuthKind;
  /** Headers carrying an idempotency key, first match wins; empty when the operation is not idempotent-keyed. */
  idempotencyHeaders: readonly string[];
  /** Status a successful call answers with (used by the malformed_json fault). */
  successStatus: number;
  /** Whether a successful call has a body; the malformed_json fault answers one that has none with 200 instead. */
  successBody: boolean;
  handle(input: OperationInput): SerializedResponse;
}

type AuthResult = { ok: true; principal: string; merchant: string } | { ok: false; response: SerializedResponse };

function authenticate(ctx: SandboxContext, def: OperationDef, req: IncomingMessage): AuthResult {
  const { credentials, state } = ctx;
  if (def.auth === "none") return { ok: true, principal: "anonymous", merchant: "" };
  if (def.auth === "basic") {
    const basic = parseBasicAuth(headerValue(req, "authorization"));
    const known = [credentials, credentials.secondMerchant].some(
      (merchant) => basic?.username === merchant.username && basic.password === merchant.password,
    );
    if (basic && known) return { ok: true, principal: `basic:${basic.username}`, merchant: basic.username };
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
  if (now(ctx) >= token.expiresAt) {
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
  return { ok: true, principal: `platform:${token.username}:${apiKey}`, merchant: token.username };
}

function takeFault(ctx: SandboxContext, operation: OperationId, rawBody: string): Fault | undefined {
  const faults = ctx.state.faults;
  const index = faults.findIndex(
    (fault) => fault.operation === operation && (fault.body_contains === undefined || rawBody.includes(fault.body_contains)),
  );
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
    case "html_502":
      // What a proxy in front of the provider answers: HTML, no provider error body.
      return {
        status: 502,
        headers: { "content-type": "text/html; charset=utf-8" },
        body: "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
      };
    default:
      // malformed_json. An operation without a success body would look successful with any body at its success
      // status, so it answers 200, a status its contract does not document (and 204 cannot carry a body).
      return {
        status: def.successBody ? def.successStatus : 200,
        headers: { "content-type": "application/json; charset=utf-8" },
        body: '{"sandbox_fault":"malformed_json","truncated":',
      };
  }
}

/** Headers, then part of the body, then a reset: the body that already started arriving never completes. */
function dropBody(res: ServerResponse, def: OperationDef): void {
  const partial = '{"sandbox_fault":"drop_body","partial":';
  res.writeHead(def.successStatus === 204 ? 200 : def.successStatus, {
    "content-type": "application/json; charset=utf-8",
    "content-length": String(partial.length + 64),
  });
  res.write(partial, () => res.destroy());
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
  const record = (status: number | null): void => {
    ctx.state.requests.push({
      operation: def.id,
      method: req.method ?? "GET",
      path: url.pathname,
      idempotency_key: idempotencyKey,
      status,
      at,
    });
  };
  const finish = (response: SerializedResponse | null): void => {
    record(response ? response.status : null);
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

  const fault = takeFault(ctx, def.id, rawBody);
  if (fault?.fault === "hang") return finish(null);
  if (fault?.fault === "drop_body") {
    record(def.successStatus);
    return dropBody(res, def);
  }
  if (fault && fault.fault !== "no_location") return finish(faultResponse(ctx, def, fault));

  const scope = idempotencyKey ? JSON.stringify([def.id, auth.principal, url.pathname, idempotencyKey]) : null;
  if (scope) {
    const stored = ctx.state.idempotency.get(scope);
    if (stored) return finish({ ...stored, headers: { ...stored.headers, "idempotent-replayed": "true" } });
  }

  const response = def.handle({ ctx, req, url, params, rawBody, merchant: auth.merchant });
  if (scope) ctx.state.idempotency.set(scope, response);
  if (fault?.fault === "no_location") {
    // The call has its effect; only the header that says where the new resource lives is lost.
    const headers = Object.fromEntries(Object.entries(response.headers).filter(([name]) => name.toLowerCase() !== "location"));
    return finish({ ...response, headers });
  }
  finish(response);
}
