/** What a server action answers: plain JSON for the client. Browser-safe. */
export type ActionFailure = {
  ok: false;
  /** One plain sentence for the top of the form. */
  message: string;
  /** Field path → message, in the form's own names, e.g. { phone: "…", "lines.0.unitPrice": "…" }. */
  fieldErrors?: Record<string, string>;
  code?: string;
  /** Set when a record exists despite the error (e.g. a payment link created but not sent). */
  recordId?: string;
  /** The submit was definitively refused: the next submit must use a fresh idempotency key. */
  rotateIdempotencyKey?: boolean;
  /** No definite answer (the provider may still act on it): a retry must reuse the same key. */
  retryable?: boolean;
};

export type ActionResult<T> = { ok: true; data: T } | ActionFailure;

/** Said when the browser could not reach the server at all (the action never answered). */
export const NETWORK_FAILURE_MESSAGE = "We couldn't reach the server. Check your connection and try again.";

/** Said for an unexpected failure on the server; the short id leads support to the log entry. */
export function internalErrorMessage(correlationId: string): string {
  return `Something went wrong on our side. Try again; if it keeps happening, quote ${correlationId.slice(0, 8)} to support.`;
}
