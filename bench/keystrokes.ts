/**
 * Keystrokes for a one-line phone order ("charge 450 kr, send it by SMS to 070 123 45 67"), from the
 * dashboard to the created link, keyboard only. The browser test e2e/sessions/live-call.spec.ts plays
 * exactly these keys, so the count printed here is one that works. `npx tsx bench/keystrokes.ts`.
 *
 * Before Amount only (issue 11): 53 — Tab to New payment link, the item name (mandatory), Tab through
 * quantity, unit price, tax rate, Add line and the merchant reference, the customer fields, the
 * phone, then Send by and Create payment link.
 */

export type Keystroke = { press: string } | { type: string };

/** A one-line phone order with Amount only (the agent's remembered choice), channel SMS (the default). */
export const PHONE_ORDER_AMOUNT_ONLY: Keystroke[] = [
  // Dashboard: skip link, Dashboard, New payment link.
  { press: "Tab" },
  { press: "Tab" },
  { press: "Tab" },
  { press: "Enter" },
  // Focus is on Amount.
  { type: "450" },
  // Description, Merchant reference, Send by (SMS), Phone country, Phone.
  { press: "Tab" },
  { press: "Tab" },
  { press: "Tab" },
  { press: "Tab" },
  { press: "Tab" },
  { type: "0701234567" },
  { press: "Enter" },
];

export const countKeystrokes = (keys: readonly Keystroke[]): number => keys.reduce((sum, key) => sum + ("type" in key ? key.type.length : 1), 0);

if (process.argv[1]?.endsWith("keystrokes.ts")) {
  console.log(`one-line phone order, keystrokes: before 53, after ${countKeystrokes(PHONE_ORDER_AMOUNT_ONLY)}`);
}
