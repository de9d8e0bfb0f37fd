/**
 * `npm run users:create-admin -- --email … --name …`: the first admin of a new installation.
 * Works against DATABASE_URL, refuses an email that already has an account, and prints only the
 * one-time set-password link (24 hours), so its output can go straight to the person.
 */
import { parseArgs } from "node:util";
import { UserError } from "@/lib/actions/user-error";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createStaffSchema } from "@/lib/validation/staff";
import { createStaffMember } from "./create-staff-member";
import { passwordLinkUrl } from "./password-links";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } }, strict: true });
  const parsed = createStaffSchema.safeParse({ email: values.email ?? "", name: values.name ?? "", role: "ADMIN" });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${String(issue.path[0])}: ${issue.message}`);
    console.error("Usage: npm run users:create-admin -- --email admin@example.com --name \"Ada Admin\"");
    return 2;
  }
  try {
    const { token } = await createStaffMember(db(), "command-line", parsed.data);
    process.stdout.write(`${passwordLinkUrl(env().PORTAL_PUBLIC_URL, token)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UserError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await db().$disconnect();
  }
}

process.exitCode = await main();
