/**
 * The provider settings of a portal pointed at a sandbox at `url`: its default accounts. A production
 * server (`next start`) requires every one explicitly; the e2e stack and the history benchmark use these.
 */
export function portalEnvFor(url: string): Record<string, string> {
  return {
    KUSTOM_API_URL: url,
    PLATFORM_API_URL: url,
    KUSTOM_API_USERNAME: "sandbox-merchant",
    KUSTOM_API_PASSWORD: "sandbox-secret",
    PLATFORM_API_USERNAME: "sandbox-merchant",
    PLATFORM_API_PASSWORD: "sandbox-secret",
    PLATFORM_API_KEY: "sandbox-api-key",
    PLATFORM_TERMINAL_ID: "SANDBOX01",
  };
}
