import path from "node:path";
import { defineConfig } from "prisma/config";
import { cliAdapterFactory } from "./prisma/cli-adapter";

process.env.CHECKPOINT_DISABLE ??= "1";

let factory: ReturnType<typeof cliAdapterFactory> | undefined;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  // Memoised: the CLI calls adapter() more than once.
  adapter: async () => (factory ??= cliAdapterFactory()),
});
