import "server-only";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What the audit log records. Add an action here before writing it. */
export type AuditAction =
  | "user.created"
  | "user.updated"
  | "user.disabled"
  | "user.enabled"
  | "user.password_reset_issued"
  | "user.password_set"
  | "user.password_changed"
  | "user.signed_out_everywhere"
  | "store.created"
  | "store.updated"
  | "store.deleted"
  | "store.settings_updated"
  | "sessions.exported";

export type AuditInput = {
  /** The acting user; null for the command line. */
  actorId: string | null;
  action: AuditAction;
  targetType: "user" | "store" | "sessions";
  targetId?: string | null;
  storeId?: string | null;
  /** Never secrets, passwords or tokens. */
  detail?: Record<string, unknown>;
};

type AuditWriter = Pick<Db, "auditEntry"> | Prisma.TransactionClient;

/** Appends one audit entry; pass the transaction client so the entry commits with the change it records. */
export async function recordAudit(db: AuditWriter, entry: AuditInput): Promise<void> {
  await db.auditEntry.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      storeId: entry.storeId ?? null,
      ...(entry.detail ? { detail: entry.detail as Prisma.InputJsonValue } : {}),
    },
  });
}
