import { z } from "zod";

export const ENVIRONMENTS = ["live-like", "playground"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const ERROR_SHAPES = ["classic", "error_id"] as const;
export type ErrorShape = (typeof ERROR_SHAPES)[number];

export const TOKEN_FORMATS = ["opaque", "jwt"] as const;
export type TokenFormat = (typeof TOKEN_FORMATS)[number];

export interface SandboxConfig {
  environment: Environment;
  refused_contacts: string[];
  latency_ms: number;
  email_daily_limit: number;
  supported_phone_regions: string[];
  tokenization_terminals: string[];
  token_ttl_seconds: number;
  /** Whether the token response carries `expires_in` (the platform guide documents only `access_token`; docs/providers.md#where-the-documents-disagree, row 27). */
  token_expires_in: boolean;
  token_format: TokenFormat;
  error_shape: ErrorShape;
  /** access_ids the sandbox does not know: distribution answers 404 "access token not found". */
  unknown_access_ids: string[];
  /** `drop` loses every status_update callback, as if the network ate it (tests of status reconciliation). */
  callbacks: CallbackMode;
}

export const CALLBACK_MODES = ["deliver", "drop"] as const;
export type CallbackMode = (typeof CALLBACK_MODES)[number];

export const DEFAULT_SUPPORTED_PHONE_REGIONS = [
  "SE", "NO", "FI", "DK", "DE", "AT", "NL", "BE", "FR", "GB", "ES", "IT", "PL", "CH", "IE", "US",
];

export const DEFAULT_REFUSED_CONTACTS = ["blocked@example.com", "+46700000000"];


export function defaultConfig(environment: Environment = "live-like"): SandboxConfig {
  return {
    environment,
    refused_contacts: [...DEFAULT_REFUSED_CONTACTS],
    latency_ms: 0,
    email_daily_limit: 100,
    supported_phone_regions: [...DEFAULT_SUPPORTED_PHONE_REGIONS],
    tokenization_terminals: [],
    token_ttl_seconds: 300,
    token_expires_in: true,
    token_format: "opaque",
    error_shape: "classic",
    unknown_access_ids: [],
    callbacks: "deliver",
  };
}

export const configPatchSchema = z
  .object({
    environment: z.enum(ENVIRONMENTS),
    refused_contacts: z.array(z.string().min(1)),
    latency_ms: z.number().int().min(0).max(60_000),
    email_daily_limit: z.number().int().min(0),
    supported_phone_regions: z.array(z.string().regex(/^[A-Za-z]{2}$/, "must be an ISO 3166 alpha-2 code")),
    tokenization_terminals: z.array(z.string().min(1)),
    token_ttl_seconds: z.number().int().min(0),
    token_expires_in: z.boolean(),
    token_format: z.enum(TOKEN_FORMATS),
    error_shape: z.enum(ERROR_SHAPES),
    unknown_access_ids: z.array(z.string().min(1)),
    callbacks: z.enum(CALLBACK_MODES),
  })
  .partial()
  .strict();

export type ConfigPatch = z.infer<typeof configPatchSchema>;

export function applyConfigPatch(config: SandboxConfig, patch: ConfigPatch): SandboxConfig {
  const next: SandboxConfig = { ...config };
  if (patch.environment !== undefined) next.environment = patch.environment;
  if (patch.refused_contacts !== undefined) next.refused_contacts = [...patch.refused_contacts];
  if (patch.latency_ms !== undefined) next.latency_ms = patch.latency_ms;
  if (patch.email_daily_limit !== undefined) next.email_daily_limit = patch.email_daily_limit;
  if (patch.supported_phone_regions !== undefined) {
    next.supported_phone_regions = patch.supported_phone_regions.map((region) => region.toUpperCase());
  }
  if (patch.tokenization_terminals !== undefined) next.tokenization_terminals = [...patch.tokenization_terminals];
  if (patch.token_ttl_seconds !== undefined) next.token_ttl_seconds = patch.token_ttl_seconds;
  if (patch.token_expires_in !== undefined) next.token_expires_in = patch.token_expires_in;
  if (patch.token_format !== undefined) next.token_format = patch.token_format;
  if (patch.error_shape !== undefined) next.error_shape = patch.error_shape;
  if (patch.unknown_access_ids !== undefined) next.unknown_access_ids = [...patch.unknown_access_ids];
  if (patch.callbacks !== undefined) next.callbacks = patch.callbacks;
  return next;
}
