/**
 * Creates a migration from prisma/schema.prisma changes, offline: what `prisma migrate dev
 * --create-only` should do, which Prisma 6.19's WASM schema engine cannot with a driver adapter:
 * - with migrations not yet applied to the dev database (e.g. a fresh one) its evaluateDataLoss step
 *   needs a shadow database but is never handed the adapter's shadow factory ("PostgreSQL shadow
 *   DB must be provided through an external factory");
 * - with all applied it writes the migration, then frees the engine twice ("null pointer passed to
 *   rust", exit 1).
 * `prisma migrate diff` does get the shadow factory (prisma/cli-adapter.ts), so this diffs the
 * committed migrations against the schema and writes the result as Prisma would name it.
 * Run through with-db.ts (the CLI connects to DATABASE_URL, though the diff leaves it untouched):
 *   tsx prisma/with-db.ts tsx prisma/create-migration.ts --name add_thing [--schema …] [--migrations …]
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    name: { type: "string", short: "n" },
    schema: { type: "string", default: path.join("prisma", "schema.prisma") },
    migrations: { type: "string", default: path.join("prisma", "migrations") },
  },
});

/** Prisma's own naming: snake_case, at most 200 characters, after a UTC timestamp. */
function migrationDirectoryName(name: string, now = new Date()): string {
  const slug = name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 200);
  const timestamp = now.toISOString().replace(/\D/g, "").slice(0, 14);
  return `${timestamp}_${slug}`;
}

const slugSource = values.name?.trim();
if (!slugSource || !/[a-z0-9]/i.test(slugSource)) {
  console.error("usage: npm run db:migration -- --name <what_changed>");
  process.exit(2);
}

const diff = spawnSync(
  "npx",
  ["prisma", "migrate", "diff", "--from-migrations", values.migrations, "--to-schema-datamodel", values.schema, "--script"],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, CHECKPOINT_DISABLE: "1" } },
);
if (diff.status !== 0) {
  console.error("prisma migrate diff failed; no migration was written.");
  process.exit(diff.status ?? 1);
}

const directory = migrationDirectoryName(slugSource);
mkdirSync(path.join(values.migrations, directory)); // throws if it exists: never overwrite a migration
writeFileSync(path.join(values.migrations, directory, "migration.sql"), diff.stdout);
const empty = diff.stdout.includes("This is an empty migration.");
console.log(`Created ${path.join(values.migrations, directory, "migration.sql")}${empty ? " (empty: no schema change; add SQL by hand)" : ""}.`);
console.log("Review it, then apply it with `npm run db:migrate`.");
