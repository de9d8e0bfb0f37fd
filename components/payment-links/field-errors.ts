import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

/**
 * Copies a server action's `fieldErrors` into react-hook-form and returns the messages that belong to no
 * field on this form, for the alert at the top. The first field error gets focus.
 */
export function applyServerFieldErrors<T extends FieldValues>(
  fieldErrors: Record<string, string> | undefined,
  setError: UseFormSetError<T>,
  isFormField: (path: string) => boolean,
): string[] {
  const unplaced: string[] = [];
  let focused = false;
  for (const [path, message] of Object.entries(fieldErrors ?? {})) {
    if (!isFormField(path)) {
      unplaced.push(message);
      continue;
    }
    setError(path as Path<T>, { type: "server", message }, { shouldFocus: !focused });
    focused = true;
  }
  return unplaced;
}
