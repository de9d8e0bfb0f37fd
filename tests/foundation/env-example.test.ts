import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = process.cwd();
const SCANNED = ["lib", "app", "prisma", "sandbox", "e2e", "tests", "components", "bench"];
const ROOT_FILES = ["playwright.config.ts", "prisma.config.ts", "next.config.mjs", "vitest.config.ts"];
/** Read by tools, not by this project's code. */
const NOT_OURS = new Set(["VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID"]);

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mjs|js)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.includes(`${path.sep}generated${path.sep}`));
}

/** Every variable name the code reads: `process.env.X`, `env.X` (sandbox/src/main.ts) and lib/env.ts's schema keys. */
function variablesRead(): Set<string> {
  const names = new Set<string>();
  const files = [...SCANNED.flatMap(filesUnder), ...ROOT_FILES.map((f) => path.join(ROOT, f))];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const match of text.matchAll(/\b(?:process\.env|env)(?:\.([A-Z][A-Z0-9_]+)|\[["']([A-Z][A-Z0-9_]+)["']\])/g)) names.add((match[1] ?? match[2])!);
  }
  const schema = readFileSync(path.join(ROOT, "lib", "env.ts"), "utf8");
  for (const match of schema.matchAll(/^ {4}([A-Z][A-Z0-9_]+): z\./gm)) names.add(match[1]!);
  for (const name of NOT_OURS) names.delete(name);
  return names;
}

describe(".env.example", () => {
  it("documents every environment variable the code reads", () => {
    const example = readFileSync(path.join(ROOT, ".env.example"), "utf8");
    const documented = new Set([...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!));
    const read = variablesRead();
    expect(read.size).toBeGreaterThan(20);
    expect([...read].filter((name) => !documented.has(name)).sort()).toEqual([]);
  });
});
