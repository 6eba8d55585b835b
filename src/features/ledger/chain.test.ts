import { env } from "cloudflare:test";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newAdmin } from "../../../test/worker/admin";
import { openActiveCard } from "../../../test/worker/cards";
import { fund, query, withDb, withTransactionalDb } from "../../../test/worker/db";
import { call } from "../../../test/worker/http";
import { sendMoney } from "../../../test/worker/transfers";
import { bearer, newUser, type TestUser } from "../../../test/worker/users";
import type { Database } from "../../db/client";
import { runScheduled } from "../../scheduled";
import { type LedgerProof, proveLedger, recordDigest } from "./chain.service";

const PLATFORM_ID = "00000000-0000-0000-0000-000000000001";

/** A sender with a funded card, a receiver card, and one paid transfer between them. */
async function twoCardsWithHistory() {
  const sender = await newUser();
  const from = await openActiveCard(sender);
  const to = await openActiveCard(await newUser());
  await fund(from.card_number, 100_000_00n);
  for (const amount of [2_000, 3_000]) {
    const sent = await sendMoney(sender, {
      from_card_id: from.id,
      to_card_number: to.card_number,
      amount,
    });
    expect(sent.status, await sent.clone().text()).toBe(201);
  }
  return { sender, from, to };
}

/** Runs `work` inside a transaction that is rolled back, so no other test sees its edits. */
async function insideRolledBack(work: (db: Database) => Promise<void>) {
  await withTransactionalDb((db) =>
    db
      .transaction(async (tx) => {
        await work(tx as unknown as Database);
        tx.rollback();
      })
      .catch((error: Error) => {
        if (error.message !== "Rollback") throw error;
      }),
  );
}

async function entriesOf(cardId: string) {
  return (await query(sql`
    select id::text, chain_position::int as position, encode(hash, 'hex') as hash
    from ledger_entries where card_id = ${cardId} order by chain_position`)) as {
    id: string;
    position: number;
    hash: string;
  }[];
}

const getProof = (admin: TestUser, search = "") =>
  call(`/api/admin/ledger-proof${search}`, { headers: bearer(admin.accessToken) });

describe("ledger hash chains", () => {
  it("chains every entry of a card in order and the admin's proof finds every chain valid", async () => {
    const admin = await newAdmin();
    const { from, to } = await twoCardsWithHistory();
    const entries = await entriesOf(from.id);
    // cash-in, then two transfers out
    expect(entries.map((e) => e.position)).toEqual([1, 2, 3]);
    const [head] = (await query(
      sql`select encode(chain_head, 'hex') as head, chain_length::int as length from cards where id = ${from.id}`,
    )) as { head: string; length: number }[];
    expect(head).toEqual({ head: entries[2]?.hash, length: 3 });

    const all = await getProof(admin);
    expect(all.status).toBe(200);
    const proof = (await all.json()) as LedgerProof;
    expect(proof.broken).toBeNull();
    expect(proof.valid).toBe(true);
    expect(proof.entries).toBeGreaterThanOrEqual(6);

    const one = (await (await getProof(admin, `?card_id=${to.id}`)).json()) as LedgerProof;
    expect(one).toMatchObject({ valid: true, entries: 2, chains: 1, broken: null });
    // The platform card's commissions chain per credit shard, each shard its own chain.
    const platform = (await (
      await getProof(admin, `?card_id=${PLATFORM_ID}`)
    ).json()) as LedgerProof;
    expect(platform.valid).toBe(true);
    expect(platform.chains).toBeGreaterThanOrEqual(1);
  });

  it("answers an unknown card with 404, a malformed id or day with 422, a non-admin with 403", async () => {
    const admin = await newAdmin();
    expect((await getProof(admin, `?card_id=${crypto.randomUUID()}`)).status).toBe(404);
    expect((await getProof(admin, "?card_id=nope")).status).toBe(422);
    expect((await getProof(admin, "?digest_day=2026-02-30")).status).toBe(422);
    expect((await getProof(admin, "?digest_day=0000-01-01")).status).toBe(422);
    const user = await newUser();
    expect((await getProof(user)).status).toBe(403);
  });

  it("finds an entry edited behind the ledger's back, at exactly that entry", async () => {
    const { from } = await twoCardsWithHistory();
    const entries = await entriesOf(from.id);
    const old = entries[1] as (typeof entries)[number];
    let one: LedgerProof | undefined;
    let all: LedgerProof | undefined;
    await insideRolledBack(async (db) => {
      await db.execute(sql`update ledger_entries set amount = amount - 1 where id = ${old.id}`);
      one = await proveLedger(db, { cardId: from.id });
      all = await proveLedger(db, {});
    });
    for (const proof of [one, all]) {
      expect(proof?.valid).toBe(false);
      expect(proof?.broken).toMatchObject({
        account: `card:${from.id}`,
        card_id: from.id,
        entry_id: old.id,
        position: 2,
        reason: "hash",
        stored: old.hash,
      });
      expect(proof?.broken?.expected).not.toBe(old.hash);
    }
    // Rolled back: the ledger is whole again.
    expect((await withDb((db) => proveLedger(db, { cardId: from.id }))).valid).toBe(true);
  });

  it("finds a removed entry at its position and a moved head at the head", async () => {
    const { from } = await twoCardsWithHistory();
    const entries = await entriesOf(from.id);
    let removed: LedgerProof | undefined;
    let head: LedgerProof | undefined;
    await insideRolledBack(async (db) => {
      await db.execute(sql`update cards set chain_length = 2 where id = ${from.id}`);
      head = await proveLedger(db, { cardId: from.id });
      await db.execute(sql`update cards set chain_length = 3 where id = ${from.id}`);
      await db.execute(sql`delete from ledger_entries where id = ${entries[1]?.id}`);
      removed = await proveLedger(db, { cardId: from.id });
    });
    expect(head?.broken).toMatchObject({ reason: "head", position: 3, stored_position: 2 });
    // The third entry now sits at position 2.
    expect(removed?.broken).toMatchObject({
      entry_id: entries[2]?.id,
      position: 2,
      stored_position: 3,
      reason: "position",
    });
  });

  it("keeps every chain valid under many concurrent payments between the same cards", async () => {
    const users = await Promise.all(Array.from({ length: 4 }, () => newUser()));
    const cards = await Promise.all(users.map((user) => openActiveCard(user)));
    for (const card of cards) await fund(card.card_number, 1_000_000_00n);
    const payments = Array.from({ length: 48 }, (_, i) => {
      const from = i % 4;
      const to = (i + 1 + (i % 3)) % 4;
      return sendMoney(users[from] as TestUser, {
        from_card_id: cards[from]?.id,
        to_card_number: cards[to]?.card_number,
        amount: 2_000 + i,
      });
    });
    const statuses = await Promise.all(payments.map(async (p) => (await p).status));
    expect(statuses.every((status) => status === 201)).toBe(true);
    for (const card of cards) {
      const proof = await withDb((db) => proveLedger(db, { cardId: card.id }));
      expect(proof.valid).toBe(true);
      expect(proof.broken).toBeNull();
    }
    const platform = await withDb((db) => proveLedger(db, { cardId: PLATFORM_ID }));
    expect(platform.valid).toBe(true);
    const all = await withDb((db) => proveLedger(db, {}));
    expect(all.broken).toBeNull();
  });
});

describe("daily digest of the chain heads", () => {
  it("is recorded once per day: a second run keeps the first root", async () => {
    await twoCardsWithHistory();
    const day = "2001-01-01";
    const first = await withDb((db) => recordDigest(db, day));
    expect(first?.recorded).toBe(true);
    await twoCardsWithHistory();
    const second = await withDb((db) => recordDigest(db, day));
    expect(second).toEqual({ ...first, recorded: false });
    // The Cron Trigger, twice (and twice at once): one digest for today.
    await Promise.all([runScheduled(env), runScheduled(env)]);
    await runScheduled(env);
    const rows = await query(
      sql`select count(*)::int as n from ledger_digests where day = tashkent_today()`,
    );
    expect(rows[0]?.n).toBe(1);

    const admin = await newAdmin();
    const listed = (await (
      await call("/api/admin/ledger-digests?limit=100", { headers: bearer(admin.accessToken) })
    ).json()) as { total: number; data: { day: string; root: string }[] };
    expect(listed.data.find((d) => d.day === day)?.root).toBe(first?.root);
  });

  it("recomputes a stored day's root from the entries, and sees history rewritten under it", async () => {
    const { from } = await twoCardsWithHistory();
    const day = "2002-02-02";
    const digest = await withDb((db) => recordDigest(db, day));
    expect(digest?.recorded).toBe(true);
    // The ledger moves on: that day's root is still recomputed from the positions it covered.
    await twoCardsWithHistory();
    const later = await withDb((db) => proveLedger(db, { digestDay: day }));
    expect(later.digest).toEqual({
      day,
      valid: true,
      stored_root: digest?.root,
      recomputed_root: digest?.root,
    });

    // A forger edits an old entry and recomputes every later hash and the head:
    // the chains check out, the digest does not.
    let forged: LedgerProof | undefined;
    await insideRolledBack(async (db) => {
      await db.execute(sql`
        do $$
        declare r record; v_prev bytea;
        begin
          update ledger_entries set amount = amount - 1
          where card_id = ${sql.raw(`'${from.id}'`)} and chain_position = 2;
          for r in select e.*, t.type::text as type from ledger_entries e
                   join transactions t on t.id = e.transaction_id
                   where e.card_id = ${sql.raw(`'${from.id}'`)} order by e.chain_position loop
            v_prev := ledger_entry_hash(v_prev, r.id, r.transaction_id, r.type,
                        ledger_chain_account(r.card_id, null, null), r.chain_position, r.amount, r.created_at);
            update ledger_entries set hash = v_prev where id = r.id;
          end loop;
          update cards set chain_head = v_prev where id = ${sql.raw(`'${from.id}'`)};
        end $$`);
      forged = await proveLedger(db, { digestDay: day });
    });
    expect(forged?.broken).toBeNull();
    expect(forged?.digest?.valid).toBe(false);
    expect(forged?.valid).toBe(false);
  });
});
