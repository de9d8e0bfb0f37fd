/** What the login page says. Browser-safe. */
export const SIGN_IN_MESSAGES = {
  INVALID: "Wrong email or password.",
  THROTTLED: "Too many failed attempts. Wait 15 minutes and try again.",
} as const;

export type SignInState = { email?: string; error?: string };
