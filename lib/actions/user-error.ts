/**
 * The one failure a user can act on: a stable code, one plain sentence (`message`, never provider text)
 * and, when it concerns a field, the form's own field name — so the form puts it there with no mapping.
 */
export type UserErrorOptions = {
  /** The form field, in the form's own names (e.g. "phone", "lines", "merchantReference"). */
  field?: string;
  /** No definite answer yet (the provider may still act on it): a retry must reuse the same idempotency key. */
  retryable?: boolean;
  /** A definite refusal: the same submit can never succeed, so the next one needs a new idempotency key. */
  rotateKey?: boolean;
  /** The record that exists despite the failure (e.g. a payment link created but not sent). */
  recordId?: string;
};

export class UserError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  readonly retryable: boolean;
  readonly rotateKey: boolean;
  readonly recordId: string | undefined;

  constructor(code: string, message: string, options: UserErrorOptions = {}) {
    super(message);
    this.name = "UserError";
    this.code = code;
    this.field = options.field;
    this.retryable = options.retryable ?? false;
    this.rotateKey = options.rotateKey ?? false;
    this.recordId = options.recordId;
  }
}

/** Thrown by an action body when its input fails the schema. */
export class ValidationFailure extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super("Check the highlighted fields.");
    this.name = "ValidationFailure";
  }
}
