import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";

let common: Set<string> | undefined;

/**
 * True for a password on zxcvbn-ts's list of the most common passwords from breaches (about 49,000,
 * maintained in @zxcvbn-ts/language-common). Compared lower-cased, so "Password1234" counts too.
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

export const COMMON_PASSWORD_MESSAGE = "This password is too common. Choose a longer phrase that only you would use.";
