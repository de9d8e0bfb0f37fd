import { describe, expect, it } from "vitest";
import { createPaymentLink } from "@/lib/payment-links/create";
import { createUnlessDuplicate, DuplicateLinkError, findOpenDuplicates } from "@/lib/payment-links/duplicates";
import { parsePhone } from "@/lib/validation/phone";
import { DATABASE_KINDS } from "../support/database";
import { formValues, sessionSuite } from "../sessions/harness";
import { freshStore } from "./helpers";

const e164 = (typed: string, country: string) => {
  const parsed = parsePhone(typed, country);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value.e164;
};

describe.each(DATABASE_KINDS)("duplicate-link guard on $kind, against the sandbox", ({ create }) => {
  const suite = sessionSuite(create);
  const linksOf = (storeId: string) => suite.t.db.paymentSession.findMany({ where: { storeId }, include: { events: true } });

  it("finds the open link for the same phone typed in another format, and says who created it", async () => {
    const { store, agent } = await freshStore(suite.t.db);
    const { linkId } = await createPaymentLink(suite.deps, agent, store, formValues());
    const found = await findOpenDuplicates(suite.t.db, store.id, { phoneE164: e164("070-123 45 67", "SE") }, new Date());
    expect(found.map((d) => d.id)).toEqual([linkId]);
    expect(found[0]).toMatchObject({ amount: 84_600, currency: "SEK", statusLabel: "Waiting", createdByName: agent.name });

    const second = formValues({ customer: { phoneE164: e164("+46 (0)70 123 45 67", "SE"), phoneCountry: "SE" } });
    const error = await createUnlessDuplicate(suite.deps, agent, store, second).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateLinkError);
    expect((error as DuplicateLinkError).existing.id).toBe(linkId);
    expect(await linksOf(store.id)).toHaveLength(1);
  });

  it("compares emails case-insensitively and ignores other stores, paid links and links older than 48 hours", async () => {
    const { store, agent } = await freshStore(suite.t.db);
    const other = await freshStore(suite.t.db);
    const email = (address: string) => ({ channel: "email" as const, customer: { email: address } });
    const { linkId } = await createPaymentLink(suite.deps, agent, store, formValues(email("Anna.Berg@Example.com")));
    await createPaymentLink(suite.deps, other.agent, other.store, formValues(email("carl@example.com")));
    const now = new Date();
    expect((await findOpenDuplicates(suite.t.db, store.id, { email: "anna.berg@example.COM" }, now)).map((d) => d.id)).toEqual([linkId]);
    expect(await findOpenDuplicates(suite.t.db, store.id, { email: "carl@example.com" }, now)).toEqual([]);
    expect(await findOpenDuplicates(suite.t.db, store.id, { email: "anna.berg@example.com" }, new Date(now.getTime() + 49 * 3_600_000))).toEqual([]);
    await suite.t.db.paymentSession.update({ where: { id: linkId }, data: { status: "COMPLETED" } });
    expect(await findOpenDuplicates(suite.t.db, store.id, { email: "anna.berg@example.com" }, now)).toEqual([]);
  });

  it("two submits for the same customer at the same moment: one link, the second gets the warning", async () => {
    const { store, agent, manager } = await freshStore(suite.t.db);
    const results = await Promise.allSettled([
      createUnlessDuplicate(suite.deps, agent, store, formValues()),
      createUnlessDuplicate(suite.deps, manager, store, formValues()),
    ]);
    const refused = results.filter((r) => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateLinkError);
    expect(await linksOf(store.id)).toHaveLength(1);
  });

  it("Create a new link anyway: the second link is created and both histories say so; a retry of the same submit resumes it", async () => {
    const { store, agent } = await freshStore(suite.t.db);
    const first = await createPaymentLink(suite.deps, agent, store, formValues());
    const values = formValues({ allowDuplicate: true });
    const second = await createUnlessDuplicate(suite.deps, agent, store, values);
    const links = await linksOf(store.id);
    expect(links).toHaveLength(2);
    const overridden = (id: string) => links.find((l) => l.id === id)!.events.filter((e) => e.type === "DUPLICATE_OVERRIDDEN");
    expect(overridden(first.linkId).map((e) => e.detail)).toEqual([expect.objectContaining({ duplicateRole: "existing", otherLinkId: second.linkId })]);
    expect(overridden(second.linkId).map((e) => e.detail)).toEqual([expect.objectContaining({ duplicateRole: "new", otherLinkId: first.linkId })]);

    expect((await createUnlessDuplicate(suite.deps, agent, store, { ...values, allowDuplicate: false })).linkId).toBe(second.linkId);
    expect(await linksOf(store.id)).toHaveLength(2);
  });
});
