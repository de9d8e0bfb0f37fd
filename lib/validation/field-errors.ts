/** Turns zod issues into `{ "lines.0.unitPrice": "message" }`, the field names react-hook-form uses. */
import type { z } from "zod";

export type FieldErrors = Record<string, string>;

/** The first message per field path; form-level issues (empty path) are under "". */
export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".");
    fieldErrors[path] ??= issue.message;
  }
  return fieldErrors;
}
