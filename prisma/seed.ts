/**
 * Development data: two stores and four demo accounts (password demo-password-1).
 * Refuses to run in production. `--if-empty` does nothing when a store already exists.
 * Run through `npm run db:seed`, which provides DATABASE_URL.
 */
import { hashPassword } from "../lib/auth/password";
import { createDb } from "../lib/db";

export const DEMO_PASSWORD = "demo-password-1";

const STORES = [
  { name: "Stockholm", country: "SE", currency: "SEK", locale: "sv-SE", timeZone: "Europe/Stockholm", provider: "KUSTOM", standardTaxRate: 2500 },
  { name: "Berlin", country: "DE", currency: "EUR", locale: "de-DE", timeZone: "Europe/Berlin", provider: "PAYMENT_PLATFORM", standardTaxRate: 1900 },
] as const;

const USERS = [
  { email: "admin@demo.test", name: "Ada Admin", role: "ADMIN", store: null },
  { email: "manager.stockholm@demo.test", name: "Maja Manager", role: "MANAGER", store: "Stockholm" },
  { email: "agent.stockholm@demo.test", name: "Axel Agent", role: "AGENT", store: "Stockholm" },
  { email: "agent.berlin@demo.test", name: "Bettina Agent", role: "AGENT", store: "Berlin" },
] as const;

export async function seed(databaseUrl: string, { ifEmpty = false } = {}): Promise<"seeded" | "skipped"> {
  if (process.env.NODE_ENV === "production") {
    throw new Error("Refusing to seed demo accounts with NODE_ENV=production.");
  }
  // Sequential writes: one connection, which the embedded server also requires.
  const db = createDb(databaseUrl, { poolSize: 1 });
  try {
    if (ifEmpty && (await db.store.count()) > 0) return "skipped";
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const storeIds = new Map<string, string>();
    for (const store of STORES) {
      const row = await db.store.upsert({ where: { name: store.name }, update: store, create: store, select: { id: true } });
      storeIds.set(store.name, row.id);
    }
    for (const user of USERS) {
      const data = { name: user.name, role: user.role, storeId: user.store ? storeIds.get(user.store)! : null, passwordHash, disabled: false };
      await db.user.upsert({ where: { email: user.email }, update: data, create: { email: user.email, ...data } });
    }
    return "seeded";
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set: run `npm run db:seed`.");
    process.exit(2);
  }
  seed(url, { ifEmpty: process.argv.includes("--if-empty") })
    .then((result) => console.log(result === "seeded" ? "Seeded demo stores and accounts." : "Database already has data; seed skipped."))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
