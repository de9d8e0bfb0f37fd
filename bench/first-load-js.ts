/**
 * First-load JS (gzip) of the payment-link pages, from the production build in .next/: the root
 * runtime chunks plus every chunk the route's layouts, error/loading boundaries and page load.
 * Run `npm run build` first, then `npm run bench:js`.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const NEXT = path.join(process.cwd(), ".next");
const ROUTES = { "/sessions": "(portal)/sessions", "/sessions/new": "(portal)/sessions/new", "/sessions/[id]": "(portal)/sessions/[id]", "/dashboard": "(portal)/dashboard" };

const gzipKb = (file: string) => gzipSync(readFileSync(path.join(NEXT, file))).length / 1024;
const { rootMainFiles } = JSON.parse(readFileSync(path.join(NEXT, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };

for (const [route, dir] of Object.entries(ROUTES)) {
  const holder = globalThis as unknown as { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> };
  holder.__RSC_MANIFEST = {};
  // The manifest is a script that assigns itself to globalThis.
  new Function(readFileSync(path.join(NEXT, "server", "app", dir, "page_client-reference-manifest.js"), "utf8"))();
  const manifest = Object.values(holder.__RSC_MANIFEST)[0]!;
  const pageKey = `[project]/app/${dir}/page`;
  // The page's own entry lists the chunks of its layouts too; add the root's global chunks.
  const files = new Set([...rootMainFiles, ...(manifest.entryJSFiles[pageKey] ?? []), ...(manifest.entryJSFiles["[project]/app/layout"] ?? [])]);
  const sizes = [...files].map((file) => ({ file, kb: gzipKb(file) })).sort((a, b) => b.kb - a.kb);
  const total = sizes.reduce((sum, s) => sum + s.kb, 0);
  console.log(`${route.padEnd(16)} first-load JS ${total.toFixed(1)} KB gzip  (largest: ${sizes.slice(0, 3).map((s) => `${s.kb.toFixed(1)}`).join(", ")})`);
}
