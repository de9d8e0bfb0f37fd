import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { requireActor } from "@/lib/auth/actor";
import { AuthorizationError, type Actor, type AuthorizationRule } from "@/lib/auth/authorize";
import { logUnexpected } from "@/lib/log";
import { fieldErrorsFromZod } from "@/lib/validation/field-errors";
import { internalErrorMessage, type ActionResult } from "./result";
import { UserError, ValidationFailure } from "./user-error";

export { UserError, ValidationFailure } from "./user-error";

/** Parses an action's input with the form's own schema; a failure becomes field errors under the inputs. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ValidationFailure(fieldErrorsFromZod(parsed.error));
  return parsed.data;
}

/**
 * The one wrapper every server action goes through: authenticate and authorize (role; the body
 * re-checks the store of what it touches), run, and turn every failure into one plain sentence.
 */
export async function runAction<T>(rule: AuthorizationRule, body: (actor: Actor) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const actor = await requireActor(rule);
    return { ok: true, data: await body(actor) };
  } catch (error) {
    return failureOf(error);
  }
}

/** Every failure as one plain sentence for the user; unexpected ones are logged with a correlation id. */
export function failureOf(error: unknown): Extract<ActionResult<never>, { ok: false }> {
  if (error instanceof ValidationFailure) {
    return { ok: false, message: error.message, fieldErrors: error.fieldErrors, code: "VALIDATION" };
  }
  if (error instanceof AuthorizationError) return { ok: false, message: error.message, code: error.code };
  if (error instanceof UserError) {
    return {
      ok: false,
      message: error.message,
      code: error.code,
      ...(error.field ? { fieldErrors: { [error.field]: error.message } } : {}),
      ...(error.recordId ? { recordId: error.recordId } : {}),
      ...(error.rotateKey ? { rotateIdempotencyKey: true } : {}),
      ...(error.retryable ? { retryable: true } : {}),
    };
  }
  const correlationId = randomUUID();
  logUnexpected("action", correlationId, error);
  return { ok: false, message: internalErrorMessage(correlationId), code: "INTERNAL" };
}
