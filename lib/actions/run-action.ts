import "server-only";
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { requireActor } from "@/lib/auth/actor";
import { AuthorizationError, type Actor, type AuthorizationRule } from "@/lib/auth/authorize";
import { SessionServiceError } from "@/lib/sessions/errors";
import { fieldErrorsFromZod } from "@/lib/validation/field-errors";
import { UserFacingError } from "./errors";
import type { ActionResult } from "@/lib/sessions/view";

/** Thrown by an action body when its input fails the schema. */
export class ValidationFailure extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super("Check the highlighted fields.");
    this.name = "ValidationFailure";
  }
}

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
    if (error instanceof ValidationFailure) {
      return { ok: false, message: error.message, fieldErrors: error.fieldErrors, code: "VALIDATION" };
    }
    if (error instanceof AuthorizationError) return { ok: false, message: error.message, code: error.code };
    if (error instanceof UserFacingError) {
      return { ok: false, message: error.message, code: error.code, ...(error.field ? { fieldErrors: { [error.field]: error.message } } : {}) };
    }
    if (error instanceof SessionServiceError) {
      return {
        ok: false,
        message: error.userMessage,
        code: error.code,
        ...(error.field ? { fieldErrors: { [error.field]: error.userMessage } } : {}),
        ...(error.sessionId ? { sessionId: error.sessionId } : {}),
        ...(error.rotateKey ? { rotateIdempotencyKey: true } : {}),
        ...(error.retryable ? { retryable: true } : {}),
      };
    }
    const correlationId = randomUUID();
    console.error(`[action] unexpected error ${correlationId}:`, error instanceof Error ? error.name : typeof error);
    return { ok: false, message: `Something went wrong on our side. Try again; if it keeps happening, quote ${correlationId.slice(0, 8)} to support.`, code: "INTERNAL" };
  }
}
