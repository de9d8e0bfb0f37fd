import { ENVIRONMENTS, type Environment } from "./config";
import { createSandbox, type SandboxOptions } from "./server";

function fail(message: string): never {
  console.error(`HPP sandbox: ${message}`);
  process.exit(1);
}

function readOptions(env: NodeJS.ProcessEnv): SandboxOptions {
  const port = Number(env.SANDBOX_PORT ?? "4010");
  if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`SANDBOX_PORT must be a port number, got "${env.SANDBOX_PORT}"`);
  const environment = env.SANDBOX_ENVIRONMENT;
  if (environment !== undefined && !(ENVIRONMENTS as readonly string[]).includes(environment)) {
    fail(`SANDBOX_ENVIRONMENT must be one of ${ENVIRONMENTS.join(", ")}, got "${environment}"`);
  }
  if (env.SANDBOX_PUBLIC_URL) {
    try {
      new URL(env.SANDBOX_PUBLIC_URL);
    } catch {
      fail(`SANDBOX_PUBLIC_URL must be an absolute URL, got "${env.SANDBOX_PUBLIC_URL}"`);
    }
  }
  // Empty variables count as unset so a blank line in an .env file keeps the default.
  const optional = (value: string | undefined) => (value ? value : undefined);
  return {
    port,
    host: optional(env.SANDBOX_HOST),
    username: optional(env.SANDBOX_USERNAME),
    password: optional(env.SANDBOX_PASSWORD),
    apiKey: optional(env.SANDBOX_API_KEY),
    secondMerchant: {
      username: optional(env.SANDBOX_SECOND_USERNAME) ?? "sandbox-merchant-b",
      password: optional(env.SANDBOX_SECOND_PASSWORD) ?? "sandbox-secret-b",
    },
    publicUrl: optional(env.SANDBOX_PUBLIC_URL),
    environment: environment as Environment | undefined,
  };
}

const sandbox = await createSandbox(readOptions(process.env));
console.log(`HPP sandbox listening on ${sandbox.url}`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`HPP sandbox: ${signal} received, shutting down`);
  await sandbox.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
