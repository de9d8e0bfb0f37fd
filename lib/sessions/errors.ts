import { fieldFor, HPP_ERROR_MESSAGES, isHppError, type HppErrorCode, type HppErrorField } from "@/lib/hpp/errors";
import type { DistributionMethod } from "@/lib/hpp/types";

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
  SEND_CHANGED: "This send was already requested with other contact details, so it wasn't sent this way. Press Send again to send it.",
  SUPERSEDED: "Not sent: the agent chose another way to send the link before this one went out.",
} as const;

/** What the agent is told when the provider's answer never came: true, because the recovery job retries. */
export const PROVIDER_PENDING_MESSAGE = "The provider didn't answer in time. We'll keep trying — see the payment link's page.";

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

/** The form field that holds the contact a distribution method sends to. */
export function contactFieldOf(method: DistributionMethod | null | undefined): string | undefined {
  if (method === "sms") return "phone";
  if (method === "email") return "email";
  if (method === "token") return "accessId";
  return undefined;
}

function formFieldOfHppField(field: HppErrorField | undefined, method: DistributionMethod | null | undefined): string | undefined {
  switch (field) {
    case "email":
    case "phone":
    case "phoneCountry":
    case "accessId":
      return field;
    case "contact":
      return contactFieldOf(method);
    case "order":
    case "amount":
      return "lines";
    case "reference":
      return "merchantReference";
    default:
      // No field on the form: the message goes at the top, not under some unrelated field.
      return undefined;
  }
}

/** The form field an HppError belongs to, in the form's own names; `method` places contact errors. */
export function formFieldOf(error: unknown, method?: DistributionMethod | null): string | undefined {
  if (!isHppError(error)) return undefined;
  return formFieldOfHppField(error.field, method);
}

/** The form field for a recorded error code (only the code is stored). */
export function formFieldOfCode(code: string, method?: DistributionMethod | null): string | undefined {
  return isHppErrorCode(code) ? formFieldOfHppField(fieldFor(code, method ?? undefined), method) : undefined;
}

function isHppErrorCode(code: string): code is HppErrorCode {
  return Object.hasOwn(HPP_ERROR_MESSAGES, code);
}
