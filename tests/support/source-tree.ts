import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * Reading the repository's own TypeScript for the static tests (tests/auth/authorization-coverage.test.ts
 * and tests/auth/layers.test.ts): which files there are, their syntax tree, their directives and imports.
 * Paths are repository-relative with `/` separators.
 */

export const ROOT = process.cwd();

/** Every .ts/.tsx file below `dir` (generated Prisma client excluded). */
export function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .filter((file) => !file.startsWith("lib/generated/"));
}

/** `file → text` for every source file below `dirs`. */
export function readTree(dirs: readonly string[]): Map<string, string> {
  return new Map(dirs.flatMap(sourceFiles).map((file) => [file, readFileSync(path.join(ROOT, file), "utf8")]));
}

export function parseSource(file: string, text: string): ts.SourceFile {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

/** Whether the prologue (the leading string statements) holds `directive`, e.g. "use server" or "use client". */
export function hasDirective(statements: readonly ts.Statement[], directive: string): boolean {
  for (const statement of statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === directive) return true;
  }
  return false;
}

export interface ImportEdge {
  specifier: string;
  line: number;
  /** Erased at compile time (`import type`, `export type … from`, or only `type` specifiers): no code is loaded. */
  typeOnly: boolean;
}

/** Static imports, re-exports and dynamic `import("…")` of one file. */
export function importsOf(source: ts.SourceFile): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const onlyTypeSpecifiers =
        clause !== undefined && !clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
      edges.push({ specifier: statement.moduleSpecifier.text, line: lineOf(statement), typeOnly: Boolean(clause?.isTypeOnly) || onlyTypeSpecifiers });
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.exportClause;
      const onlyTypeSpecifiers = clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
      edges.push({ specifier: statement.moduleSpecifier.text, line: lineOf(statement), typeOnly: statement.isTypeOnly || onlyTypeSpecifiers });
    }
  }
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      edges.push({ specifier: node.arguments[0].text, line: lineOf(node), typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

const EXTENSIONS = ["", ".ts", ".tsx", "/index.ts", "/index.tsx"];

/** The repository path an import names (`@/…` or relative), before extensions are tried; undefined for packages. */
export function importPath(from: string, specifier: string): string | undefined {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith("./") || specifier.startsWith("../")) return path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  return undefined;
}

/** The file of `files` an import names; undefined for packages and for files outside `files`. */
export function resolveImport(from: string, specifier: string, files: ReadonlySet<string> | ReadonlyMap<string, unknown>): string | undefined {
  const base = importPath(from, specifier);
  return base === undefined ? undefined : EXTENSIONS.map((ext) => `${base}${ext}`).find((candidate) => files.has(candidate));
}
