import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { hasDirective, parseSource, ROOT, sourceFiles } from "../support/source-tree";

/** The authorization helpers (lib/auth/actor.ts and the wrappers around it in lib/actions). */
const HELPERS = new Set(["runAction", "withActor", "requireActor"]);

/** Entry points that run before, or without, a signed-in user — each with the reason. */
const ALLOWED_WITHOUT_ACTOR: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts": "next-auth's session endpoints",
  "app/(auth)/login/actions.ts": "sign-in itself",
  "app/api/health/route.ts": "load balancers' health check: public by design, shows only reachability, times and counts",
};

/** Provider callbacks: no user, so each must go through the per-session secret check instead. */
const SECRET_GUARDED: Record<string, Set<string>> = {
  "app/api/hpp/status-update/[id]/route.ts": new Set(["handleStatusUpdate"]),
  "app/api/hpp/kustom/push/route.ts": new Set(["handleCheckoutPush"]),
  // A one-time set-password link instead of a session: spent inside setPasswordWithLink.
  "app/(auth)/set-password/[token]/actions.ts": new Set(["setPasswordWithLink"]),
};

const SOURCE_DIRS = ["app", "components", "lib"];

const hasUseServer = (statements: readonly ts.Statement[]) => hasDirective(statements, "use server");

function callsHelper(node: ts.Node, helpers: Set<string> = HELPERS): boolean {
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && helpers.has(node.expression.text)) return true;
  return ts.forEachChild(node, (child) => callsHelper(child, helpers)) ?? false;
}

type Entry = { name: string; body: ts.Node | undefined };

/** Exported functions (declarations, `const x = () => …`, and `export { local as NAME }`). */
function exportedFunctions(source: ts.SourceFile): Entry[] {
  const locals = new Map<string, ts.Node | undefined>();
  const entries: Entry[] = [];
  const isExported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) {
      locals.set(statement.name.text, statement.body);
      if (isExported(statement)) entries.push({ name: statement.name.text, body: statement.body });
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (!ts.isIdentifier(declaration.name) || !init || !(ts.isArrowFunction(init) || ts.isFunctionExpression(init))) continue;
        locals.set(declaration.name.text, init.body);
        if (isExported(statement)) entries.push({ name: declaration.name.text, body: init.body });
      }
    }
  }
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    for (const element of statement.exportClause.elements) {
      entries.push({ name: element.name.text, body: locals.get((element.propertyName ?? element.name).text) });
    }
  }
  return entries;
}

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Entry points in one file that do not go through an authorization helper. */
function unauthorizedEntryPoints(file: string, text: string, helpers: Set<string> = HELPERS): string[] {
  const source = parseSource(file, text);
  const isRoute = path.basename(file) === "route.ts";
  const problems: string[] = [];
  if (isRoute || hasUseServer(source.statements)) {
    for (const entry of exportedFunctions(source)) {
      if (isRoute && !HTTP_METHODS.has(entry.name)) continue;
      if (!entry.body || !callsHelper(entry.body, helpers)) problems.push(`${file}: ${entry.name}`);
    }
  }
  // Inline server actions: a function whose body starts with "use server".
  const visit = (node: ts.Node) => {
    if ((ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && node.body && ts.isBlock(node.body)) {
      if (hasUseServer(node.body.statements) && !callsHelper(node.body, helpers)) problems.push(`${file}: inline server action at line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

describe("every server action and route handler goes through the authorization helper", () => {
  const files = SOURCE_DIRS.flatMap(sourceFiles);

  it("finds the route handlers and server actions it checks", () => {
    expect(files.filter((f) => path.basename(f) === "route.ts").length).toBeGreaterThanOrEqual(4);
    expect(files.some((f) => hasUseServer(parseSource(f, readFileSync(path.join(ROOT, f), "utf8")).statements))).toBe(true);
  });

  it("has no entry point that skips runAction / withActor / requireActor", () => {
    const problems = files
      .filter((file) => !(file in ALLOWED_WITHOUT_ACTOR) && !(file in SECRET_GUARDED))
      .flatMap((file) => unauthorizedEntryPoints(file, readFileSync(path.join(ROOT, file), "utf8")));
    expect(problems).toEqual([]);
  });

  it("has no provider callback that skips its per-session secret check", () => {
    const problems = Object.entries(SECRET_GUARDED).flatMap(([file, helpers]) =>
      unauthorizedEntryPoints(file, readFileSync(path.join(ROOT, file), "utf8"), helpers),
    );
    expect(problems).toEqual([]);
  });

  it("lists only entry points that still exist", () => {
    for (const file of [...Object.keys(ALLOWED_WITHOUT_ACTOR), ...Object.keys(SECRET_GUARDED)]) expect(existsSync(path.join(ROOT, file)), file).toBe(true);
  });

  it("would catch a handler or action that skips the helper", () => {
    expect(unauthorizedEntryPoints("app/api/x/route.ts", `export async function GET() { return Response.json(await db().user.findMany()); }`)).toEqual(["app/api/x/route.ts: GET"]);
    expect(unauthorizedEntryPoints("app/api/x/route.ts", `async function h() { return new Response(); }\nexport { h as POST };`)).toEqual(["app/api/x/route.ts: POST"]);
    expect(unauthorizedEntryPoints("app/x/actions.ts", `"use server";\nexport const deleteAction = async (id: string) => { await db().user.delete({ where: { id } }); };`)).toEqual(["app/x/actions.ts: deleteAction"]);
    expect(unauthorizedEntryPoints("app/x/page.tsx", `export default function Page() { async function act() { "use server"; await drop(); } return <form action={act} />; }`)).toHaveLength(1);
    expect(unauthorizedEntryPoints("app/api/x/route.ts", `export async function GET() { return withActor({}, async () => new Response()); }`)).toEqual([]);
  });
});
