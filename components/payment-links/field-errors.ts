import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

/**
 * Copies a server action's `fieldErrors` into react-hook-form and returns the messages that belong to no
 * field on this form, for the alert at the top. The first field error gets focus unless the form moves
 * focus to an error summary itself (`focusField: false`); `placed` lists the errors that went to a field.
 */
export function applyServerFieldErrors<T extends FieldValues>(
  fieldErrors: Record<string, string> | undefined,
  setError: UseFormSetError<T>,
  isFormField: (path: string) => boolean,
  { focusField = true, placed }: { focusField?: boolean; placed?: { path: string; message: string }[] } = {},
): string[] {
  const unplaced: string[] = [];
  let focused = !focusField;
  for (const [path, message] of Object.entries(fieldErrors ?? {})) {
    if (!isFormField(path)) {
      unplaced.push(message);
      continue;
    }
    setError(path as Path<T>, { type: "server", message }, { shouldFocus: !focused });
    placed?.push({ path, message });
    focused = true;
  }
  return unplaced;
}

/** The control a field path is rendered as — its id and label — for links from an error summary. */
export function controlOf(form: HTMLFormElement | null, path: string): { id?: string; label?: string } {
  const control = form?.querySelector<HTMLElement>(`[name="${CSS.escape(path)}"]`);
  if (!control?.id) return {};
  const label = form?.querySelector(`label[for="${CSS.escape(control.id)}"]`)?.textContent?.trim();
  return { id: control.id, ...(label ? { label } : {}) };
}
