import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, type TestDatabase } from "../support/database";
import { createStoreWithStaff } from "../support/fixtures";

const sessionData = (storeId: string, createdById: string, idempotencyKey = randomUUID()) => ({
  storeId,
  createdById,
  provider: "KUSTOM" as const,
  idempotencyKey,
  merchantReference: "ORDER-1",
  amount: 12_500,
  taxAmount: 2_500,
  currency: "SEK",
  locale: "sv-SE",
  purchaseCountry: "SE",
  orderLines: [{ name: "Chair", quantity: 1, unitPrice: 12_500, taxRate: 2500 }],
  callbackSecretHash: "h".repeat(64),
  callbackNonce: "n".repeat(22),
});

describe.each(DATABASE_KINDS)("models on $kind", ({ create }) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await create();
  });
  afterAll(() => t.drop());

  it("stores a session with its money as integers and its history", async () => {
    const { store, agent } = await createStoreWithStaff(t.db);
    const session = await t.db.paymentSession.create({ data: sessionData(store.id, agent.id) });
    expect(session.status).toBe("CREATING");
    expect(session.amount).toBe(12_500);
    await t.db.sessionEvent.create({ data: { sessionId: session.id, type: "CREATE_REQUESTED", source: "PORTAL", actorId: agent.id, toStatus: "CREATING" } });
    await t.db.distribution.create({
      data: { sessionId: session.id, channel: "SMS", recipient: "+46701234567", recipientMasked: "+46 70 ••• •• 67", idempotencyKey: randomUUID(), actorId: agent.id },
    });
    const loaded = await t.db.paymentSession.findUniqueOrThrow({ where: { id: session.id }, include: { events: true, distributions: true, store: true } });
    expect(loaded.events).toHaveLength(1);
    expect(loaded.distributions[0]).toMatchObject({ channel: "SMS", outcome: "PENDING" });
    expect(loaded.store.currency).toBe("SEK");
    expect(loaded.orderLines).toEqual([{ name: "Chair", quantity: 1, unitPrice: 12_500, taxRate: 2500 }]);
  });

  it("enforces one session per idempotency key in the database", async () => {
    const { store, agent } = await createStoreWithStaff(t.db);
    const key = randomUUID();
    await t.db.paymentSession.create({ data: sessionData(store.id, agent.id, key) });
    await expect(t.db.paymentSession.create({ data: sessionData(store.id, agent.id, key) })).rejects.toMatchObject({ code: "P2002" });
    expect(await t.db.paymentSession.count({ where: { idempotencyKey: key } })).toBe(1);
  });

  it("ignores a duplicate provider callback event by its unique event id", async () => {
    const { store, agent } = await createStoreWithStaff(t.db);
    const session = await t.db.paymentSession.create({ data: sessionData(store.id, agent.id) });
    const event = { sessionId: session.id, type: "STATUS_CHANGED", source: "PROVIDER_CALLBACK" as const, providerEventId: randomUUID() };
    await t.db.sessionEvent.create({ data: event });
    await expect(t.db.sessionEvent.create({ data: event })).rejects.toMatchObject({ code: "P2002" });
  });

  it("keeps one provider session id per provider", async () => {
    const { store, agent } = await createStoreWithStaff(t.db);
    const providerSessionId = randomUUID();
    await t.db.paymentSession.create({ data: { ...sessionData(store.id, agent.id), providerSessionId } });
    await expect(t.db.paymentSession.create({ data: { ...sessionData(store.id, agent.id), providerSessionId } })).rejects.toMatchObject({ code: "P2002" });
    await t.db.paymentSession.create({ data: { ...sessionData(store.id, agent.id), provider: "PAYMENT_PLATFORM", providerSessionId } });
  });

  it("requires unique user emails and omits password hashes unless asked", async () => {
    const { agent } = await createStoreWithStaff(t.db);
    const loaded = await t.db.user.findUniqueOrThrow({ where: { id: agent.id } });
    expect(loaded).not.toHaveProperty("passwordHash");
    const withHash = await t.db.user.findUniqueOrThrow({ where: { id: agent.id }, select: { passwordHash: true } });
    expect(withHash.passwordHash).toBe("x");
    await expect(t.db.user.create({ data: { email: agent.email, name: "Dup", role: "AGENT", passwordHash: "y" } })).rejects.toMatchObject({ code: "P2002" });
  });

  it("keeps history append-only: a user who appears in a session's history cannot be deleted", async () => {
    const { store, agent, manager } = await createStoreWithStaff(t.db);
    const session = await t.db.paymentSession.create({ data: sessionData(store.id, agent.id) });
    const event = await t.db.sessionEvent.create({ data: { sessionId: session.id, type: "DISABLED", source: "PORTAL", actorId: manager.id } });
    await expect(t.db.user.delete({ where: { id: manager.id } })).rejects.toThrow(/SessionEvent_actorId_fkey/);
    expect((await t.db.sessionEvent.findUniqueOrThrow({ where: { id: event.id } })).actorId).toBe(manager.id);
  });

  it("rejects a session for a store that does not exist", async () => {
    const { agent } = await createStoreWithStaff(t.db);
    await expect(t.db.paymentSession.create({ data: sessionData(randomUUID(), agent.id) })).rejects.toMatchObject({ code: "P2003" });
  });
});
