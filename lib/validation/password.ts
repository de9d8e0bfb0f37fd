/** Password rules for staff accounts. Browser-safe; the common-password list is checked on the server (lib/auth/password-policy.ts). */
import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 12;
/** Long passphrases are welcome; the cap only bounds the work of hashing. */
export const PASSWORD_MAX_LENGTH = 256;

export const newPasswordSchema = z
  .string({ error: "Enter a password." })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

const confirmed = <T extends { password: string; confirmPassword: string }>(value: T) => value.password === value.confirmPassword;
const MISMATCH = { error: "The passwords don't match.", path: ["confirmPassword"] };

/** The /set-password form. */
export const setPasswordSchema = z
  .object({ password: newPasswordSchema, confirmPassword: z.string() })
  .refine(confirmed, MISMATCH);
export type SetPasswordInput = z.infer<typeof setPasswordSchema>;

/** The /account "Change password" form. */
export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1, "Enter your current password."), password: newPasswordSchema, confirmPassword: z.string() })
  .refine(confirmed, MISMATCH);
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
