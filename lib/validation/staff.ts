/** Staff administration forms. Browser-safe: imported by the forms (zodResolver) and the server actions. */
import { z } from "zod";
import { plainText } from "./text";

export const ROLES = ["AGENT", "MANAGER", "ADMIN"] as const;
export type StaffRole = (typeof ROLES)[number];
export const ROLE_LABELS: Record<StaffRole, string> = { AGENT: "Agent", MANAGER: "Manager", ADMIN: "Admin" };

export const STORE_REQUIRED_MESSAGE = "Choose a store.";

const profile = {
  name: plainText("a name", 100),
  role: z.enum(ROLES, { error: "Choose a role." }),
  storeId: z.string().trim().optional().default(""),
};

/** Agents and managers belong to one store; admins to none (they see every store). */
const hasStoreIfNeeded = (value: { role: StaffRole; storeId: string }) => value.role === "ADMIN" || value.storeId !== "";
const storeRule = [hasStoreIfNeeded, { error: STORE_REQUIRED_MESSAGE, path: ["storeId"] }] as [typeof hasStoreIfNeeded, { error: string; path: string[] }];

/** "Add staff member". The email is the sign-in name, compared lower-cased. */
export const createStaffSchema = z
  .object({
    ...profile,
    email: z
      .string({ error: "Enter an email address." })
      .trim()
      .min(1, "Enter an email address.")
      .max(254, "An email address can be at most 254 characters.")
      .pipe(z.email({ error: "Enter a valid email address, e.g. name@example.com." }))
      .transform((email) => email.toLowerCase()),
  })
  .refine(...storeRule);
export type CreateStaffInput = z.input<typeof createStaffSchema>;

/** "Edit": name, role and store. */
export const updateStaffSchema = z.object(profile).refine(...storeRule);
export type UpdateStaffInput = z.input<typeof updateStaffSchema>;
