import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { healthReport } from "@/lib/health";
import { createPaymentLink } from "@/lib/payment-links/create";
import { runBackgroundJobs } from "@/lib/payment-links/jobs";
import { createPgliteDatabase, type TestDatabase } from "../support/database";
import { formValues, sessionSuite } from "../sessions/harness";

const OPTIONS = { jobIntervalMs: 60_000, reconcileIntervalMs: 300_000, staleMs: 30_000 };

describe("GET /api/health", () => {
  const suite = sessionSuite(createPgliteDatabase);

  it("answers 200 with the database reachable, the job's last run and backlog, and the providers' last known reachability", async () => {
    const { linkId } = await createPaymentLink(suite.deps, suite.agent, suite.store, formValues({ channel: "link", customer: {} }));
    const later = new Date(Date.now() + 400_000);
    const due = await healthReport(suite.t.db, { ...OPTIONS, now: later });
    expect(due.status).toBe(200);
    expect(due.body.database.reachable).toBe(true);
    expect(due.body.jobs.backlog?.linksToReread).toBeGreaterThanOrEqual(1);

    await runBackgroundJobs({ ...suite.deps, now: () => later }, { staleMs: 30_000, reconcileIntervalMs: 300_000 });
    const after = await healthReport(suite.t.db, { ...OPTIONS, now: later });
    expect(after.status).toBe(200);
    expect(after.body.jobs).toMatchObject({ runsHere: true, lastFinishedAt: later.toISOString(), lastRunFailed: false, overdue: false });
    expect(after.body.jobs.backlog?.linksToReread).toBe(0);
    expect(after.body.providers.KUSTOM).toEqual({ reachable: true, checkedAt: later.toISOString() });
    // Nothing sensitive: no link ids, hosts or credentials.
    const text = JSON.stringify(after.body);
    expect(text).not.toContain(linkId);
    expect(text).not.toMatch(/127\.0\.0\.1|postgres|sandbox-secret/);
  });
});

describe("GET /api/health without a database", () => {
  let unreachable: TestDatabase["db"];
  beforeAll(() => {
    // Port 9 (discard) refuses connections at once.
    unreachable = createDb("postgresql://postgres:postgres@127.0.0.1:9/none", { poolSize: 1 });
  });
  afterAll(async () => {
    await unreachable.$disconnect();
  });

  it("answers 503 and says the database is unreachable", async () => {
    const report = await healthReport(unreachable, OPTIONS);
    expect(report.status).toBe(503);
    expect(report.body).toMatchObject({ ok: false, database: { reachable: false }, jobs: { backlog: null } });
  });
});
