const production = process.env.NODE_ENV === "production";

/** Hosts a server action's Origin may name besides the request's own Host: the public URL's, when a proxy rewrites Host. */
function serverActionOrigins() {
  const url = process.env.PORTAL_PUBLIC_URL;
  if (!url) return [];
  try {
    return [new URL(url).host];
  } catch {
    return [];
  }
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // `npm run dev` is opened at localhost or 127.0.0.1: both may load dev resources (and so hydrate).
  allowedDevOrigins: ["localhost", "127.0.0.1"],
  reactStrictMode: true,
  poweredByHeader: false,
  // Native or WASM packages stay out of the server bundle and load from node_modules.
  serverExternalPackages: ["@node-rs/argon2", "@electric-sql/pglite", "@electric-sql/pglite-socket", "pg", "@prisma/adapter-pg"],
  experimental: { authInterrupts: true, serverActions: { allowedOrigins: serverActionOrigins() } },
  // `next dev` would print each server action's arguments (customer phone numbers and emails), each
  // request's URL (a history search's `q=` is a customer's name, email or phone), and the browser's
  // errors, a hydration mismatch's with the page's props (the search field's value among them).
  logging: { serverFunctions: false, incomingRequests: { ignore: [/[?&]q=/] }, browserToTerminal: false },
  // `npm run typecheck` (part of `npm test`) checks the whole project, tests included; the build
  // would only repeat it.
  typescript: { ignoreBuildErrors: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          // lib/security/headers.ts holds the same values for the tests; the CSP (per-request nonce) is set in proxy.ts.
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
          ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }] : []),
        ],
      },
    ];
  },
};

export default nextConfig;
