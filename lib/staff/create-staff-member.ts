import { UserError } from "@/lib/actions/user-error";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/authorize";
import { NO_PASSWORD } from "@/lib/auth/password";
import type { Db } from "@/lib/db";
import type { createStaffSchema } from "@/lib/validation/staff";
import type { z } from "zod";
import { issuePasswordLink } from "./password-links";
import { assertCanManage } from "./permissions";
import { isUniqueViolation, resolveStore } from "./target";

export type NewStaffMember = z.output<typeof createStaffSchema>;

export const EMAIL_TAKEN_MESSAGE = "A staff member with this email already exists.";

/**
 * Adds an account with no password and returns a one-time set-password token for it (24 hours).
 * `actor` is the signed-in admin or manager, or "command-line" for `npm run users:create-admin`.
 */
export async function createStaffMember(db: Db, actor: Actor | "command-line", input: NewStaffMember, now = new Date()): Promise<{ userId: string; token: string }> {
  const byCommandLine = actor === "command-line";
  if (!byCommandLine) assertCanManage(actor, { role: input.role, storeId: input.role === "ADMIN" ? null : input.storeId }, "create");
  try {
    return await db.$transaction(async (tx) => {
      const storeId = await resolveStore(tx, input.role, input.storeId);
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
        throw new UserError("EMAIL_TAKEN", EMAIL_TAKEN_MESSAGE, { field: "email" });
      }
      const user = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, storeId, passwordHash: NO_PASSWORD }, select: { id: true } });
      const actorId = byCommandLine ? null : actor.userId;
      const token = await issuePasswordLink(tx, { userId: user.id, purpose: "invite", createdById: actorId }, now);
      await recordAudit(tx, {
        actorId,
        action: "user.created",
        targetType: "user",
        targetId: user.id,
        storeId,
        detail: { name: input.name, email: input.email, role: input.role, ...(byCommandLine ? { via: "users:create-admin" } : {}) },
      });
      return { userId: user.id, token };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new UserError("EMAIL_TAKEN", EMAIL_TAKEN_MESSAGE, { field: "email" });
    throw error;
  }
}
