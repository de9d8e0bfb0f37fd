/**
 * Paid-alert load: 500 agents' tabs listening on one portal instance, while links are paid.
 * Prints the database queries per second the alerts cost. `npm run bench:alerts`.
 *
 * Each tab holds one event stream (GET /api/alerts). Its cost: one sign-in check (one query) when it
 * connects, and again when it reconnects (every 5 minutes); everything else comes from the
 * instance's one shared look per second, counted here on the real database.
 */
import { performance } from "node:perf_hooks";
import { AlertHub, DEFAULT_ALERT_HUB_OPTIONS } from "@/lib/alerts/hub";
import { createPaymentLink } from "@/lib/payment-links/create";
import { applyStatus } from "@/lib/payment-links/status";
import { createPgliteDatabase } from "@/tests/support/database";
import { createStoreWithStaff } from "@/tests/support/fixtures";
import { actorOf, formValues, startHarness, storeOf } from "@/tests/sessions/harness";

const TABS = 500;
const AGENTS = 100;
const RUN_MS = 20_000;
const STREAM_MS = 5 * 60_000;

const t = await createPgliteDatabase();
const harness = await startHarness(t.db);
let queries = 0;
const counted = t.db.$extends({
  query: {
    async $allOperations({ args, query }) {
      queries++;
      return query(args);
    },
  },
});

const staff = await Promise.all(Array.from({ length: AGENTS / 3 + 1 }, () => createStoreWithStaff(t.db)));
const agents = staff.flatMap((s) => [s.agent, s.manager, s.admin]).slice(0, AGENTS);
const links: { id: string; tabsOfOwner: number }[] = [];
for (let i = 0; i < 20; i++) {
  const s = staff[i % staff.length]!;
  const { linkId } = await createPaymentLink(harness.deps, actorOf(s.agent), storeOf(s.store), formValues({ channel: "link", customer: {} }));
  links.push({ id: linkId, tabsOfOwner: 0 });
}

const hub = new AlertHub(counted as unknown as typeof t.db, DEFAULT_ALERT_HUB_OPTIONS);
let delivered = 0;
for (let i = 0; i < TABS; i++) hub.subscribe(agents[i % agents.length]!.id, () => delivered++);

const start = performance.now();
queries = 0;
// One link paid per second, written on the uncounted client (that is the payment, not the alert).
for (const link of links) {
  await new Promise((resolve) => setTimeout(resolve, RUN_MS / links.length));
  await applyStatus(t.db, link.id, "COMPLETED", "PROVIDER_CALLBACK");
}
await new Promise((resolve) => setTimeout(resolve, 1_500));
const seconds = (performance.now() - start) / 1000;
hub.stop();

const sharedPerSecond = queries / seconds;
const reconnectPerSecond = TABS / (STREAM_MS / 1000);
console.log(`tabs listening                                ${TABS} (${AGENTS} agents)`);
console.log(`links paid during the run                     ${links.length} in ${seconds.toFixed(1)} s`);
console.log(`alerts delivered to tabs                      ${delivered}`);
console.log(`shared look, measured                         ${sharedPerSecond.toFixed(2)} queries/s`);
console.log(`sign-in checks on (re)connect, 1 per 5 min    ${reconnectPerSecond.toFixed(2)} queries/s`);
console.log(`alerts' database load on one instance         ${(sharedPerSecond + reconnectPerSecond).toFixed(2)} queries/s (limit ~10)`);

await harness.close();
await t.drop();
