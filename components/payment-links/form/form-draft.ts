/**
 * The create form's draft, idempotency key included, kept per browser tab (sessionStorage) so a reload
 * after a network error resubmits the same intent instead of creating a second payment link.
 */
import type { PaymentLinkFormInput } from "@/lib/validation";

const PREFIX = "payment-link-draft:";
const storageKey = (storeId: string) => `${PREFIX}${storeId}`;

function storage(): Storage | undefined {
  try {
    return typeof window === "undefined" ? undefined : window.sessionStorage;
  } catch {
    // Storage can be switched off; the form then works as before, without surviving a reload.
    return undefined;
  }
}

function isDraft(value: unknown): value is PaymentLinkFormInput {
  if (typeof value !== "object" || value === null) return false;
  const draft = value as Partial<Record<keyof PaymentLinkFormInput, unknown>>;
  return typeof draft.idempotencyKey === "string" && draft.idempotencyKey !== "" && Array.isArray(draft.lines) && draft.lines.length > 0;
}

export function readDraft(storeId: string): PaymentLinkFormInput | undefined {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(storageKey(storeId)) ?? "null");
    return isDraft(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function writeDraft(storeId: string, values: PaymentLinkFormInput): void {
  try {
    storage()?.setItem(storageKey(storeId), JSON.stringify(values));
  } catch {
    // Quota or privacy mode: losing the draft on reload is the only consequence.
  }
}

export function clearDraft(storeId: string): void {
  try {
    storage()?.removeItem(storageKey(storeId));
  } catch {
    // As above.
  }
}

/** Fired by the navigation's New payment link: a form already on screen starts over too. */
export const START_NEW_LINK_EVENT = "payment-link:start-new";

/**
 * New payment link from the navigation: always a clean form. Drops every draft of this tab and tells a
 * form already on screen (the same route does not re-mount) to start over.
 */
export function startNewPaymentLink(): void {
  clearAllDrafts();
  if (typeof window !== "undefined") window.dispatchEvent(new Event(START_NEW_LINK_EVENT));
}

/** On sign-out: the next person to use this tab must not see the last customer's details. */
export function clearAllDrafts(): void {
  try {
    const store = storage();
    if (!store) return;
    for (const key of Object.keys(store)) if (key.startsWith(PREFIX)) store.removeItem(key);
  } catch {
    // As above.
  }
}
