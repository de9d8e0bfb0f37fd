import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { applyConfigPatch, configPatchSchema } from "./config";
import { now, type SandboxContext } from "./context";
import { decode, iso, parseJson, readBody, sendJson } from "./http";
import { changeStatus, findSession, isOrderExpired, sessionBody } from "./lifecycle";
import { platformPaymentUrl } from "./platform";
import { FAULT_KINDS, HPP_STATUSES, OPERATION_IDS } from "./state";

const faultSchema = z
  .object({
    operation: z.enum(OPERATION_IDS),
    count: z.number().int().min(1).default(1),
    fault: z.enum(FAULT_KINDS),
    retry_after_seconds: z.number().int().min(0).optional(),
    error_code: z.string().min(1).optional(),
    status: z.number().int().min(400).max(599).optional(),
    /** Only requests whose raw body contains this text take the fault, so parallel tests don't take each other's. */
    body_contains: z.string().min(1).optional(),
  })
  .strict()
  .refine((fault) => fault.fault !== "error_code" || fault.error_code !== undefined, {
    message: "error_code is required when fault is error_code",
    path: ["error_code"],
  });

const statusSchema = z.object({ status: z.enum(HPP_STATUSES) }).strict();

const clockSchema = z.object({ advance_ms: z.number().int().min(0) }).strict();

export interface ControlHooks {
  /** Clears all state, faults and config back to the defaults. */
  reset(): void;
}

function badRequest(res: ServerResponse, error: string, issues: { path: string; message: string }[] = []): void {
  sendJson(res, 400, { error, issues });
}

function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

/** The request's JSON body checked against `schema`; on failure the 400 has been sent. */
async function readValid<T>(
  req: IncomingMessage,
  res: ServerResponse,
  schema: z.ZodType<T>,
  invalidMessage: string,
): Promise<{ ok: true; value: T } | { ok: false }> {
  const parsed = parseJson(await readBody(req));
  if (!parsed.ok) {
    badRequest(res, "body must be JSON");
    return parsed;
  }
  const valid = schema.safeParse(parsed.value);
  if (!valid.success) {
    badRequest(res, invalidMessage, zodIssues(valid.error));
    return { ok: false };
  }
  return { ok: true, value: valid.data };
}

/** Routes /sandbox/*; returns false when the path is not a control route. */
export async function handleControl(
  ctx: SandboxContext,
  hooks: ControlHooks,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const method = req.method ?? "GET";
  const path = url.pathname.replace(/\/+$/, "");
  const { state } = ctx;

  if (path === "/sandbox/outbox" && method === "GET") {
    const sessionId = url.searchParams.get("session_id");
    sendJson(res, 200, { messages: state.outbox.filter((m) => !sessionId || m.session_id === sessionId) });
    return true;
  }
  if (path === "/sandbox/requests" && method === "GET") {
    const operation = url.searchParams.get("operation");
    sendJson(res, 200, { requests: state.requests.filter((r) => !operation || r.operation === operation) });
    return true;
  }
  if (path === "/sandbox/callbacks" && method === "GET") {
    const sessionId = url.searchParams.get("session_id");
    sendJson(res, 200, { attempts: state.callbackAttempts.filter((a) => !sessionId || a.session_id === sessionId) });
    return true;
  }
  if (path === "/sandbox/config" && method === "GET") {
    sendJson(res, 200, state.config);
    return true;
  }
  if (path === "/sandbox/config" && method === "POST") {
    const patch = await readValid(req, res, configPatchSchema, "invalid config");
    if (!patch.ok) return true;
    state.config = applyConfigPatch(state.config, patch.value);
    sendJson(res, 200, state.config);
    return true;
  }
  if (path === "/sandbox/faults" && method === "GET") {
    sendJson(res, 200, { faults: state.faults });
    return true;
  }
  if (path === "/sandbox/faults" && method === "POST") {
    const fault = await readValid(req, res, faultSchema, "invalid fault");
    if (!fault.ok) return true;
    const { count, ...rest } = fault.value;
    state.faults.push({ ...rest, remaining: count });
    sendJson(res, 201, { faults: state.faults });
    return true;
  }
  if (path === "/sandbox/faults" && method === "DELETE") {
    state.faults = [];
    sendJson(res, 204, undefined);
    return true;
  }
  if (path === "/sandbox/clock" && method === "GET") {
    sendJson(res, 200, { now: iso(now(ctx)), offset_ms: state.clockOffsetMs });
    return true;
  }
  if (path === "/sandbox/clock" && method === "POST") {
    const parsed = await readValid(req, res, clockSchema, "invalid clock change");
    if (!parsed.ok) return true;
    state.clockOffsetMs += parsed.value.advance_ms;
    sendJson(res, 200, { now: iso(now(ctx)), offset_ms: state.clockOffsetMs });
    return true;
  }
  const orderRoute = /^\/sandbox\/orders\/([^/]+)$/.exec(path);
  if (orderRoute && method === "GET") {
    const order = state.orders.get(decode(orderRoute[1] ?? "") ?? "");
    if (!order) {
      sendJson(res, 404, { error: "order not found" });
      return true;
    }
    sendJson(res, 200, {
      order_id: order.id,
      owner: order.owner,
      expires_at: iso(order.expiresAt),
      expired: isOrderExpired(ctx, order),
    });
    return true;
  }
  if (path === "/sandbox/reset" && method === "POST") {
    hooks.reset();
    sendJson(res, 204, undefined);
    return true;
  }
  if (path === "/sandbox/platform/sessions" && method === "GET") {
    const sessions = [...state.platformSessions.values()].map((session) => ({
      session_id: session.id,
      status: session.status,
      reference: session.reference,
      terminal_id: session.terminalId,
      amount: session.amount,
      currency: session.currency,
      transaction_type: session.transactionType,
      redirect_url: platformPaymentUrl(ctx, session),
      created_at: iso(session.createdAt),
      updated_at: iso(session.updatedAt),
    }));
    sendJson(res, 200, { sessions });
    return true;
  }

  const sessionRoute = /^\/sandbox\/sessions\/([^/]+)\/(status|expire)$/.exec(path);
  if (sessionRoute && method === "POST") {
    const sessionId = decode(sessionRoute[1] ?? "") ?? "";
    const session = findSession(ctx, sessionId);
    if (sessionRoute[2] === "expire") {
      if (!session) {
        sendJson(res, 404, { error: "session not found or already expired" });
        return true;
      }
      const past = now(ctx) - 1;
      session.expiresAt = past;
      const order = state.orders.get(session.orderId);
      if (order) order.expiresAt = past;
      sendJson(res, 200, { session_id: session.id, order_id: session.orderId, expired_at: iso(past) });
      return true;
    }
    const parsed = await readValid(req, res, statusSchema, `status must be one of ${HPP_STATUSES.join(", ")}`);
    if (!parsed.ok) return true;
    if (!session) {
      sendJson(res, 404, { error: "session not found or expired" });
      return true;
    }
    if (changeStatus(ctx, session, parsed.value.status) === "final") {
      sendJson(res, 409, { error: `session is in final status ${session.status}`, session: sessionBody(session) });
      return true;
    }
    sendJson(res, 200, sessionBody(session));
    return true;
  }
  if (path.startsWith("/sandbox/")) {
    sendJson(res, 404, { error: `no control route ${method} ${url.pathname}` });
    return true;
  }
  return false;
}
