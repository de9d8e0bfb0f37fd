import { redact } from "@/lib/log";

export interface HppLogger {
  warn(message: string, details: Record<string, unknown>): void;
}

function redactValue(value: unknown): unknown {
  if (typeof value === "string") return redact(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v)]));
  }
  return value;
}

export const consoleLogger: HppLogger = {
  warn(message, details) {
    console.warn(`[hpp] ${message}`, details);
  },
};

/** Logs with every string in `details` redacted; the correlation id is kept verbatim so support can trace the call. */
export function logRedacted(logger: HppLogger, message: string, details: Record<string, unknown>): void {
  const { correlationId, ...rest } = details;
  logger.warn(redact(message), { ...(redactValue(rest) as Record<string, unknown>), ...(correlationId !== undefined && { correlationId }) });
}
