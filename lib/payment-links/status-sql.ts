import "server-only";
import type { LinkStatus } from "@/lib/domain/statuses";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Statuses as enum literals for raw SQL: `status IN (…)` against the column's own type, so the status
 * indexes are used (`status::text IN ($1, …)` is not indexable). Only the fixed status names reach it.
 */
export function statusList(statuses: readonly LinkStatus[]): Prisma.Sql {
  return Prisma.raw(statuses.map((status) => `'${status.replace(/[^A-Z_]/g, "")}'::"SessionStatus"`).join(", "));
}
