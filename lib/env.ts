import { z } from "zod";

/** Where the embedded PGlite server listens when DATABASE_URL is unset (see prisma/with-db.ts). */
export const EMBEDDED_DB_DEFAULT_PORT = 54329;

/** Connection URL of an embedded PGlite server on this machine. */
export function embeddedDatabaseUrl(port: number, host = "127.0.0.1"): string {
  return `postgresql://postgres:postgres@${host}:${port}/postgres`;
}

const urlWithDefault = (fallback: string) => z.url({ protocol: /^https?$/ }).default(fallback);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string")
      .optional(),
    EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(EMBEDDED_DB_DEFAULT_PORT),
    /** Connections per process when DATABASE_URL is set; 1 for an embedded PGlite server (with-db.ts and the e2e server set it). */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    PORTAL_PUBLIC_URL: urlWithDefault("http://localhost:3000"),
    SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
    KUSTOM_API_URL: urlWithDefault("http://127.0.0.1:4010"),
    KUSTOM_API_USERNAME: z.string().min(1).default("sandbox-merchant"),
    KUSTOM_API_PASSWORD: z.string().min(1).default("sandbox-secret"),
    PLATFORM_API_URL: urlWithDefault("http://127.0.0.1:4010"),
    PLATFORM_API_USERNAME: z.string().min(1).default("sandbox-merchant"),
    PLATFORM_API_PASSWORD: z.string().min(1).default("sandbox-secret"),
    PLATFORM_API_KEY: z.string().min(1).default("sandbox-api-key"),
    PLATFORM_TERMINAL_ID: z.string().min(1).default("SANDBOX01"),
    HPP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** Sign-in sessions end after this long without a page or action. */
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
    /** …and this long after signing in, however active. */
    SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
    /** Comma-separated addresses of reverse proxies whose X-Forwarded-For is believed; empty = none. */
    TRUSTED_PROXY_ADDRESSES: z
      .string()
      .default("")
      .transform((value) => value.split(",").map((a) => a.trim()).filter(Boolean)),
    /** How often the server runs the recovery job; 0 = never (run `npm run jobs:recover`). */
    RECOVERY_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
    /** Age after which an unfinished session or send is taken over by the recovery job. */
    RECOVERY_STALE_MS: z.coerce.number().int().min(1_000).default(30_000),
    /** The same job re-reads a live link from its provider when its last look is older than this (sooner near expiry). */
    RECONCILE_INTERVAL_MS: z.coerce.number().int().min(1_000).default(300_000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    if (!env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production (openssl rand -base64 32)" });
    }
    if (!env.DATABASE_URL) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: "is required in production (postgresql://…)" });
    }
  });

/**
 * Set explicitly in production: their defaults are the local sandbox's, and a server or
 * `npm run jobs:recover` quietly talking to the sandbox would register callbacks nobody answers.
 */
export const REQUIRED_IN_PRODUCTION = [
  "PORTAL_PUBLIC_URL",
  "KUSTOM_API_URL",
  "KUSTOM_API_USERNAME",
  "KUSTOM_API_PASSWORD",
  "PLATFORM_API_URL",
  "PLATFORM_API_USERNAME",
  "PLATFORM_API_PASSWORD",
  "PLATFORM_API_KEY",
  "PLATFORM_TERMINAL_ID",
] as const;

function missingInProduction(source: Record<string, string>): string[] {
  if (source.NODE_ENV !== "production") return [];
  return REQUIRED_IN_PRODUCTION.filter((name) => !source[name]).map((name) => `${name} is required in production (its default is the local sandbox's)`);
}

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Validates an environment; empty strings count as unset so `.env` lines like `FOO=` fall back to defaults. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((i) => `${i.path.join(".") || "environment"} ${i.message}`)),
    ...missingInProduction(cleaned as Record<string, string>),
  ];
  if (problems.length > 0 || !result.success) throw new EnvError(problems);
  return result.data;
}

let cached: Env | undefined;

/** The process environment, validated once on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
