import { randomUUID } from "node:crypto";
import type { ErrorShape } from "./config";
import { serializeJson, type Headers, type SerializedResponse } from "./http";

export interface FieldError {
  field: string;
  message: string;
}

/** Klarna's newer APIs group codes into these error types. */
function errorType(status: number): string {
  if (status === 401 || status === 403) return "ACCESS_ERROR";
  if (status === 404 || status === 410) return "RESOURCE_ERROR";
  if (status >= 500 || status === 429) return "TECHNICAL_ERROR";
  return "INPUT_ERROR";
}

/** An HPP / Checkout error in the configured shape. */
export function klarnaError(
  shape: ErrorShape,
  status: number,
  code: string,
  messages: string[],
  fieldErrors: FieldError[] = [],
  headers: Headers = {},
): SerializedResponse {
  const id = randomUUID();
  const withId = { "klarna-correlation-id": id, ...headers };
  if (shape === "error_id") {
    return serializeJson(
      status,
      {
        error_id: id,
        error_type: errorType(status),
        error_code: code,
        error_message: messages.join("; "),
        ...(fieldErrors.length > 0 ? { validation_errors: fieldErrors } : {}),
      },
      withId,
    );
  }
  return serializeJson(status, { error_code: code, error_messages: messages, correlation_id: id }, withId);
}

export interface PlatformFieldError {
  property: string;
  message: string;
}

/** The payment platform's error shape (docs/providers.md#payment-platform). */
export function platformError(
  status: number,
  label: string,
  errors: PlatformFieldError[],
  headers: Headers = {},
): SerializedResponse {
  return serializeJson(status, { status: label, errors }, headers);
}
