import { builtinModules } from "node:module";
import { describe, expect, it } from "vitest";
import { hasDirective, importPath, importsOf, parseSource, readTree, resolveImport } from "../support/source-tree";

/**
 * Dependencies point one way. The rules, each checked on every import (static, re-export or dynamic)
 * that names a file of this repository (`@/…` or a relative path):
 *
 * 1. Layers: app → components → lib. A file may import its own layer and the layers after it, never
 *    one before: nothing in lib/ imports components/ or app/; nothing in components/ imports app/.
 *    Type-only imports count here too: a lib type that needs a component's type is still upside down.
 * 2. The sandbox is its own program: nothing in sandbox/ imports a file outside sandbox/, and nothing in
 *    app/, components/ or lib/ imports sandbox/.
 * 3. Browser-safe code imports nothing server-only. Browser-safe: lib/domain/**, lib/validation/**,
 *    every file that starts with "use client", and every file those import, transitively. Server-only:
 *    a file with `import "server-only"`, a Node built-in (`node:…` or a bare built-in name), lib/db.ts,
 *    lib/env.ts and the generated Prisma client. Type-only imports are erased before the browser sees
 *    them, so they do not count.
 *
 * Other folders (tests/, e2e/, bench/, prisma/, the root files) are not layers and may import anything.
 */

const LAYERS = ["app", "components", "lib"] as const;
const OWN_PROGRAM = "sandbox";
const BROWSER_SAFE_DIRS = ["lib/domain/", "lib/validation/"];
const SERVER_ONLY_FILES = new Set(["lib/db.ts", "lib/env.ts"]);
/** Generated, so not among the files read; imported by path. */
const SERVER_ONLY_GENERATED = "lib/generated/prisma/client";
const SCANNED_DIRS = [...LAYERS, OWN_PROGRAM];

const topDir = (file: string) => file.split("/")[0]!;
const isNodeBuiltin = (specifier: string) => specifier.startsWith("node:") || builtinModules.includes(specifier);

/** Every rule broken in `tree` (`file → source text`, repository-relative paths), one line each. */
export function layerViolations(tree: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const sources = new Map([...tree].map(([file, text]) => [file, parseSource(file, text)]));
  const edges = new Map([...sources].map(([file, source]) => [file, importsOf(source)]));
  const resolved = (file: string) => edges.get(file)!.map((edge) => ({ ...edge, target: resolveImport(file, edge.specifier, tree) }));
  const isServerOnly = (file: string) =>
    SERVER_ONLY_FILES.has(file) || edges.get(file)!.some((edge) => edge.specifier === "server-only" && !edge.typeOnly);

  // 1 and 2: layers and the sandbox.
  for (const file of tree.keys()) {
    const from = topDir(file);
    for (const { target, line } of resolved(file)) {
      if (target === undefined) continue;
      const to = topDir(target);
      const fromRank = LAYERS.indexOf(from as (typeof LAYERS)[number]);
      const toRank = LAYERS.indexOf(to as (typeof LAYERS)[number]);
      if (fromRank >= 0 && toRank >= 0 && toRank < fromRank) problems.push(`${file}:${line} imports ${target} (${from} must not depend on ${to})`);
      if ((from === OWN_PROGRAM) !== (to === OWN_PROGRAM) && (from === OWN_PROGRAM || fromRank >= 0)) {
        problems.push(`${file}:${line} imports ${target} (the sandbox is its own program)`);
      }
    }
  }

  // 3: browser-safe code, found breadth-first from its roots so each file is reported with how it got there.
  const reachedFrom = new Map<string, string>();
  for (const file of tree.keys()) {
    if (BROWSER_SAFE_DIRS.some((dir) => file.startsWith(dir))) reachedFrom.set(file, "browser-safe folder");
    else if (hasDirective(sources.get(file)!.statements, "use client")) reachedFrom.set(file, '"use client"');
  }
  const queue = [...reachedFrom.keys()];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const { specifier, target, line, typeOnly } of resolved(file)) {
      if (typeOnly) continue;
      const why = `browser-safe: ${reachedFrom.get(file)}`;
      if (specifier === "server-only" || isNodeBuiltin(specifier) || importPath(file, specifier)?.startsWith(SERVER_ONLY_GENERATED)) {
        problems.push(`${file}:${line} imports ${specifier} (${why})`);
      }
      else if (target !== undefined && isServerOnly(target)) problems.push(`${file}:${line} imports server-only ${target} (${why})`);
      else if (target !== undefined && !reachedFrom.has(target)) {
        reachedFrom.set(target, `imported by ${file}`);
        queue.push(target);
      }
    }
  }
  return problems;
}

describe("dependencies point one way: app → components → lib; browser-safe code stays browser-safe", () => {
  const tree = readTree(SCANNED_DIRS);

  it("reads the layers, the sandbox and the browser-safe folders", () => {
    for (const dir of [...SCANNED_DIRS, ...BROWSER_SAFE_DIRS]) expect([...tree.keys()].some((file) => file.startsWith(dir)), dir).toBe(true);
    for (const file of SERVER_ONLY_FILES) expect(tree.has(file), file).toBe(true);
  });

  it("has no wrong-way import", () => {
    expect(layerViolations(tree)).toEqual([]);
  });

  it("would catch a wrong-way import planted in this tree", () => {
    const planted = new Map([...tree, ["lib/domain/planted.ts", `import { db } from "@/lib/db";\nimport { Button } from "@/components/ui/button";\nexport const x = [db, Button];`]]);
    expect(layerViolations(planted)).toEqual([
      "lib/domain/planted.ts:2 imports components/ui/button.tsx (lib must not depend on components)",
      "lib/domain/planted.ts:1 imports server-only lib/db.ts (browser-safe: browser-safe folder)",
    ]);
  });

  it("would catch each kind of wrong-way import in a small fixture tree", () => {
    const fixture = (files: Record<string, string>) => layerViolations(new Map(Object.entries(files)));
    const clean = {
      "lib/db.ts": `import "server-only";\nexport const db = () => 1;`,
      "lib/env.ts": `export const env = () => ({});`,
      "lib/domain/money.ts": `export const cents = (n: number) => n * 100;`,
      "lib/links/service.ts": `import "server-only";\nimport { db } from "@/lib/db";\nimport { cents } from "../domain/money";\nexport const total = () => cents(db());`,
      "components/links/form.tsx": `"use client";\nimport { cents } from "@/lib/domain/money";\nimport type { Row } from "@/lib/links/service";\nexport function Form() { return <p>{cents(1)}</p>; }`,
      "app/links/page.tsx": `import { Form } from "@/components/links/form";\nimport { total } from "@/lib/links/service";\nexport default function Page() { return <Form key={total()} />; }`,
      "sandbox/src/server.ts": `import { createServer } from "node:http";\nimport { state } from "./state";\nexport const start = () => createServer(), s = state;`,
      "sandbox/src/state.ts": `export const state = {};`,
    };
    expect(fixture(clean)).toEqual([]);

    expect(fixture({ ...clean, "lib/links/view.ts": `import { Form } from "@/components/links/form";\nexport const f = Form;` })).toEqual([
      "lib/links/view.ts:1 imports components/links/form.tsx (lib must not depend on components)",
    ]);
    expect(fixture({ ...clean, "lib/links/types.ts": `import type { Props } from "../../app/links/page";\nexport type P = Props;` })).toEqual([
      "lib/links/types.ts:1 imports app/links/page.tsx (lib must not depend on app)",
    ]);
    expect(fixture({ ...clean, "components/links/list.tsx": `export { default as Page } from "@/app/links/page";` })).toEqual([
      "components/links/list.tsx:1 imports app/links/page.tsx (components must not depend on app)",
    ]);
    expect(fixture({ ...clean, "sandbox/src/state.ts": `import { cents } from "@/lib/domain/money";\nexport const state = { cents };` })).toEqual([
      "sandbox/src/state.ts:1 imports lib/domain/money.ts (the sandbox is its own program)",
    ]);
    expect(fixture({ ...clean, "lib/links/fake.ts": `export const load = () => import("@/sandbox/src/server");` })).toEqual([
      "lib/links/fake.ts:1 imports sandbox/src/server.ts (the sandbox is its own program)",
    ]);
    // Browser-safe code reaching server-only code, directly or through a helper it imports.
    expect(fixture({ ...clean, "lib/domain/money.ts": `import { randomUUID } from "node:crypto";\nexport const cents = (n: number) => n * 100 + randomUUID().length;` })).toEqual([
      "lib/domain/money.ts:1 imports node:crypto (browser-safe: browser-safe folder)",
    ]);
    expect(fixture({ ...clean, "lib/validation/email.ts": `import { env } from "@/lib/env";\nexport const max = () => env();` })).toEqual([
      "lib/validation/email.ts:1 imports server-only lib/env.ts (browser-safe: browser-safe folder)",
    ]);
    expect(fixture({ ...clean, "lib/domain/status.ts": `import { Prisma } from "../generated/prisma/client";\nexport const p = Prisma;` })).toEqual([
      "lib/domain/status.ts:1 imports ../generated/prisma/client (browser-safe: browser-safe folder)",
    ]);
    // A type-only import is erased, so a client component may name a server module's types.
    expect(fixture({ ...clean, "components/links/row.tsx": `"use client";\nimport { type Row } from "@/lib/links/service";\nexport const r = (x: Row) => x;` })).toEqual([]);
    expect(
      fixture({
        ...clean,
        "components/links/form.tsx": `"use client";\nimport { label } from "./labels";\nexport function Form() { return <p>{label}</p>; }`,
        "components/links/labels.ts": `import { total } from "@/lib/links/service";\nexport const label = String(total);`,
      }),
    ).toEqual(["components/links/labels.ts:1 imports server-only lib/links/service.ts (browser-safe: imported by components/links/form.tsx)"]);
  });
});
