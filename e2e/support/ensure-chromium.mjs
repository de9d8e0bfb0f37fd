// Browser tests use Debian's chromium (Playwright's own browser download cannot work offline).
// Installs it when missing and we are root; otherwise says how.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!existsSync(path)) {
  if (process.getuid?.() !== 0) {
    console.error(`Browser tests need Debian's chromium at ${path}: run \`sudo apt-get install -y chromium\`, or set CHROMIUM_PATH.`);
    process.exit(1);
  }
  console.log("Installing Debian's chromium for the browser tests…");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit", shell: "/bin/bash" });
}
