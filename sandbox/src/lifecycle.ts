import { now, type SandboxContext } from "./context";
import { iso } from "./http";
import { FINAL_STATUSES, type HppSession, type HppStatus, type Order } from "./state";

export const ORDER_TTL_MS = 48 * 60 * 60 * 1000;
/** An HPP session expires one hour before its order (the create-session guide; docs/providers.md#statuses-and-expiry). */
export const SESSION_EXPIRY_MARGIN_MS = 60 * 60 * 1000;

export function sessionUrl(ctx: SandboxContext, sessionId: string): string {
  return `${ctx.publicUrl}/hpp/v1/sessions/${sessionId}`;
}

export function payUrl(ctx: SandboxContext, sessionId: string): string {
  return `${ctx.publicUrl}/pay/${sessionId}`;
}

export function orderUrl(ctx: SandboxContext, orderId: string): string {
  return `${ctx.publicUrl}/checkout/v3/orders/${orderId}`;
}

export function isOrderExpired(ctx: SandboxContext, order: Order, at = now(ctx)): boolean {
  return at >= order.expiresAt;
}

/** A live order: exists and has not expired. */
export function findOrder(ctx: SandboxContext, orderId: string): Order | undefined {
  const order = ctx.state.orders.get(orderId);
  return order && !isOrderExpired(ctx, order) ? order : undefined;
}

export function isSessionExpired(ctx: SandboxContext, session: HppSession, at = now(ctx)): boolean {
  const order = ctx.state.orders.get(session.orderId);
  return at >= session.expiresAt || !order || isOrderExpired(ctx, order, at);
}

/** A live session: exists and has not expired (expired ones answer 404 like unknown ones). */
export function findSession(ctx: SandboxContext, sessionId: string): HppSession | undefined {
  const session = ctx.state.sessions.get(sessionId);
  return session && !isSessionExpired(ctx, session) ? session : undefined;
}

export function isFinal(status: HppStatus): boolean {
  return FINAL_STATUSES.has(status);
}

/** Exactly the body of GET /hpp/v1/sessions/{id}; callbacks embed the same object. */
export function sessionBody(session: HppSession): {
  session_id: string;
  status: HppStatus;
  order_id: string;
  expires_at: string;
  updated_at: string;
} {
  return {
    session_id: session.id,
    status: session.status,
    order_id: session.orderId,
    expires_at: iso(session.expiresAt),
    updated_at: iso(session.updatedAt),
  };
}

export function substitutePlaceholders(template: string, session: HppSession): string {
  return template.replaceAll("{{session_id}}", session.id).replaceAll("{{order_id}}", session.orderId);
}

export type TransitionResult = "changed" | "unchanged" | "final";

/** The single place a session changes status, so every change completes the order and fires status_update. */
export function changeStatus(ctx: SandboxContext, session: HppSession, to: HppStatus): TransitionResult {
  if (session.status === to) return "unchanged";
  if (isFinal(session.status)) return "final";
  const at = now(ctx);
  session.status = to;
  session.updatedAt = at;
  if (to === "COMPLETED") {
    const order = ctx.state.orders.get(session.orderId);
    if (order && order.status === "checkout_incomplete") {
      order.status = "checkout_complete";
      order.completedAt = at;
      order.lastModifiedAt = at;
    }
  }
  const callbackUrl = session.merchantUrls.status_update;
  if (callbackUrl && ctx.state.config.callbacks === "deliver") ctx.callbacks.dispatch(substitutePlaceholders(callbackUrl, session), sessionBody(session));
  return "changed";
}
