/** Plain, single-line text fields. Browser-safe. */
import { z } from "zod";

/** Bidi overrides/isolates, zero-width characters and other invisible controls that disguise text. */
const INVISIBLE_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/;

/** A trimmed line of visible text, 1..max characters; invisible control characters are refused. */
export function plainText(label: string, max: number) {
  return z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .max(max, `Use at most ${max} characters.`)
    .refine((value) => !INVISIBLE_CONTROLS.test(value), { error: "Remove the invisible or direction-changing characters." });
}
