import { describe, expect, it } from "vitest";
import { isCommonPassword } from "@/lib/auth/password-policy";
import { changePasswordSchema, setPasswordSchema } from "@/lib/validation/password";

describe("password policy", () => {
  it("needs at least 12 characters and allows long passphrases (64 and more)", () => {
    expect(setPasswordSchema.safeParse({ password: "elevenchars", confirmPassword: "elevenchars" }).success).toBe(false);
    expect(setPasswordSchema.safeParse({ password: "twelve chars", confirmPassword: "twelve chars" }).success).toBe(true);
    const long = "correct horse battery staple ".repeat(5).trim();
    expect(long.length).toBeGreaterThanOrEqual(64);
    expect(setPasswordSchema.safeParse({ password: long, confirmPassword: long }).success).toBe(true);
    expect(setPasswordSchema.safeParse({ password: "x".repeat(257), confirmPassword: "x".repeat(257) }).success).toBe(false);
  });

  it("asks for a matching confirmation, under the confirm field", () => {
    const result = setPasswordSchema.safeParse({ password: "twelve chars", confirmPassword: "twelve charz" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["confirmPassword"]);
    expect(changePasswordSchema.safeParse({ currentPassword: "", password: "twelve chars", confirmPassword: "twelve chars" }).success).toBe(false);
  });

  it("refuses passwords on the common-password list, whatever their case", () => {
    for (const common of ["123qweasdzxc", "qwerty123456", "1q2w3e4r5t6y", "QWERTY123456"]) expect(isCommonPassword(common), common).toBe(true);
    expect(isCommonPassword("purple elephants dance quietly")).toBe(false);
  });
});
