"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { parseInput, runAction } from "@/lib/actions/run-action";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createStaffMember } from "@/lib/staff/create-staff-member";
import { passwordLinkUrl } from "@/lib/staff/password-links";
import { STAFF_ADMIN_ROLES } from "@/lib/staff/permissions";
import { resetStaffPassword } from "@/lib/staff/reset-staff-password";
import { setStaffDisabled } from "@/lib/staff/set-staff-disabled";
import { updateStaffMember } from "@/lib/staff/update-staff-member";
import { createStaffSchema, updateStaffSchema } from "@/lib/validation/staff";

const userIdSchema = z.object({ userId: z.uuid() });

export async function createStaffAction(input: unknown) {
  return runAction({ roles: STAFF_ADMIN_ROLES }, async (actor) => {
    const { token, userId } = await createStaffMember(db(), actor, parseInput(createStaffSchema, input));
    revalidatePath("/admin");
    return { userId, link: passwordLinkUrl(env().PORTAL_PUBLIC_URL, token) };
  });
}

export async function updateStaffAction(userId: string, input: unknown) {
  return runAction({ roles: ["ADMIN"] }, async (actor) => {
    const id = parseInput(userIdSchema, { userId }).userId;
    await updateStaffMember(db(), actor, id, parseInput(updateStaffSchema, input));
    revalidatePath("/admin");
    return { userId: id };
  });
}

export async function setStaffDisabledAction(userId: string, disabled: boolean) {
  return runAction({ roles: STAFF_ADMIN_ROLES }, async (actor) => {
    const id = parseInput(userIdSchema, { userId }).userId;
    await setStaffDisabled(db(), actor, id, disabled === true);
    revalidatePath("/admin");
    return { userId: id };
  });
}

export async function resetStaffPasswordAction(userId: string) {
  return runAction({ roles: STAFF_ADMIN_ROLES }, async (actor) => {
    const id = parseInput(userIdSchema, { userId }).userId;
    const token = await resetStaffPassword(db(), actor, id);
    revalidatePath("/admin");
    return { link: passwordLinkUrl(env().PORTAL_PUBLIC_URL, token) };
  });
}
