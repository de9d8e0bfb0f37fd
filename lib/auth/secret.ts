import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

const DEV_SECRET_FILE = path.join(process.cwd(), ".data", "auth-secret");

/**
 * AUTH_SECRET when set (required in production, enforced by lib/env.ts); in development a random
 * secret generated once and kept in ./.data so sign-ins survive restarts.
 */
export function authSecret(): string {
  const configured = env().AUTH_SECRET;
  if (configured) return configured;
  try {
    return readFileSync(DEV_SECRET_FILE, "utf8").trim();
  } catch {
    const secret = randomBytes(32).toString("base64url");
    mkdirSync(path.dirname(DEV_SECRET_FILE), { recursive: true });
    writeFileSync(DEV_SECRET_FILE, secret, { mode: 0o600 });
    return secret;
  }
}
