import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";

/** A store with one user of each role; names are unique so tests can share a database. */
export async function createStoreWithStaff(db: Db, overrides: { provider?: "KUSTOM" | "PAYMENT_PLATFORM"; name?: string } = {}) {
  const suffix = randomUUID().slice(0, 8);
  const store = await db.store.create({
    data: {
      name: overrides.name ?? `Store ${suffix}`,
      country: "SE",
      currency: "SEK",
      locale: "sv-SE",
      provider: overrides.provider ?? "KUSTOM",
      standardTaxRate: 2500,
    },
  });
  const user = (role: Role) =>
    db.user.create({
      data: { email: `${role.toLowerCase()}.${suffix}@test.example`, name: `${role} ${suffix}`, role, storeId: role === "ADMIN" ? null : store.id, passwordHash: "x" },
    });
  const [agent, manager, admin] = await Promise.all([user("AGENT"), user("MANAGER"), user("ADMIN")]);
  return { store, agent, manager, admin };
}
