import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

/** What every server action answers (lib/actions/run-action.ts). */
export type ActionOutcome<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors?: Record<string, string> };

/** Puts a refusal's field errors under their inputs (focusing the first) and returns the sentence for the top. */
export function showRefusal<T extends FieldValues>(result: { message: string; fieldErrors?: Record<string, string> }, setError: UseFormSetError<T>): string {
  Object.entries(result.fieldErrors ?? {}).forEach(([field, message], index) => setError(field as Path<T>, { type: "server", message }, { shouldFocus: index === 0 }));
  return result.message;
}
