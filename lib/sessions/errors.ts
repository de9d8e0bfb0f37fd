import { HPP_ERROR_MESSAGES, isHppError, type HppErrorCode } from "@/lib/hpp/errors";

/** Codes the session service adds to the provider's. */
const SERVICE_MESSAGES = {
  ORDER_CHANGED:
    "A payment link was already created from this form for a different order. Open it, or start a new payment link.",
  FORM_REUSED: "This form was already used by someone else. Reload the page to start a new payment link.",
  NOT_SENDABLE: "This payment link can't be sent.",
  NOTHING_TO_RESEND: "Nothing has been sent for this payment link yet. Use Send another way.",
  CHANNEL_UNAVAILABLE: "This store's payment provider can't send links that way.",
  NOT_DISABLEABLE: "This payment link can't be disabled.",
  CREATE_FAILED: "The payment link could not be created. Check the order and submit again.",
} as const;

export type SessionErrorCode = keyof typeof SERVICE_MESSAGES | HppErrorCode;

/** A failure an agent can act on: stable code, plain sentence, optional field, never provider text. */
export class SessionServiceError extends Error {
  readonly code: SessionErrorCode;
  readonly userMessage: string;
  readonly field: string | undefined;
  readonly retryable: boolean;
  readonly sessionId: string | undefined;
  /** The submitted form can never succeed with its idempotency key: the next submit needs a new one. */
  readonly rotateKey: boolean;

  constructor(
    code: SessionErrorCode,
    options: { message?: string; field?: string; retryable?: boolean; sessionId?: string; rotateKey?: boolean } = {},
  ) {
    const userMessage = options.message ?? messageFor(code);
    super(userMessage);
    this.name = "SessionServiceError";
    this.code = code;
    this.userMessage = userMessage;
    this.field = options.field;
    this.retryable = options.retryable ?? false;
    this.sessionId = options.sessionId;
    this.rotateKey = options.rotateKey ?? false;
  }
}

export function messageFor(code: string): string {
  return (
    (SERVICE_MESSAGES as Record<string, string>)[code] ??
    (HPP_ERROR_MESSAGES as Record<string, string>)[code] ??
    HPP_ERROR_MESSAGES.UNKNOWN
  );
}

/** The form field an HppError belongs to, in the form's own names. */
export function formFieldOf(error: unknown): string | undefined {
  if (!isHppError(error)) return undefined;
  switch (error.field) {
    case "email":
      return "email";
    case "phone":
      return "phone";
    case "phoneCountry":
      return "phoneCountry";
    case "accessId":
      return "accessId";
    case "order":
    case "amount":
      return "lines";
    case "reference":
      return "merchantReference";
    default:
      return undefined;
  }
}
