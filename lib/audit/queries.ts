import "server-only";
import { db } from "@/lib/db";

export type AuditRow = { id: string; at: string; actor: string; action: string; target: string; detail: unknown };

/** The latest audit entries with who did it and to whom, newest first (admins only: the page checks). */
export async function listAuditEntries(limit = 50): Promise<AuditRow[]> {
  const entries = await db().auditEntry.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, createdAt: true, action: true, targetType: true, targetId: true, detail: true, actor: { select: { name: true } } },
  });
  const userIds = entries.filter((e) => e.targetType === "user" && e.targetId).map((e) => e.targetId!);
  const storeIds = entries.filter((e) => e.targetType === "store" && e.targetId).map((e) => e.targetId!);
  const [users, stores] = await Promise.all([
    db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }),
    db().store.findMany({ where: { id: { in: storeIds } }, select: { id: true, name: true } }),
  ]);
  const names = new Map([...users, ...stores].map((row) => [row.id, row.name]));
  return entries.map((e) => ({
    id: e.id,
    at: e.createdAt.toISOString(),
    actor: e.actor?.name ?? "Command line",
    action: e.action,
    target: (e.targetId && names.get(e.targetId)) ?? (typeof (e.detail as { name?: unknown } | null)?.name === "string" ? String((e.detail as { name: string }).name) : e.targetType),
    detail: e.detail,
  }));
}
