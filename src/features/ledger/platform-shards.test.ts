// Every paying session credits the platform card. Its credits go to one of its
// shards that no other posting holds, so payments do not queue on one row; its
// balance is its row plus its shards, and that still equals its ledger entries.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openActiveCard, type TestCard } from "../../../test/worker/cards";
import {
  balanceOf,
  fund,
  HEALTHY_LEDGER,
  holdTransactionOpen,
  ledgerInvariants,
  lockWaiters,
  query,
  waitForLockWaiters,
  withDb,
} from "../../../test/worker/db";
import { call } from "../../../test/worker/http";
import { sendMoney } from "../../../test/worker/transfers";
import { bearer, newUser, type TestUser } from "../../../test/worker/users";
import { auditCard } from "./reconcile.service";

const PLATFORM = "7777000000000000";
const PLATFORM_ID = "00000000-0000-0000-0000-000000000001";
const SYSTEM_USER = "00000000-0000-0000-0000-000000000000";

/** A role user (pays 1 %) with an active card holding `funds` tiyin. */
async function payer(funds = 1_000_000_00n): Promise<{ user: TestUser; card: TestCard }> {
  const user = await newUser();
  const card = await openActiveCard(user);
  await fund(card.card_number, funds);
  return { user, card };
}

/** Fails instead of hanging when `promise` waits (on a lock) longer than `ms`. */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const late = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The platform card's row, the sum of its shards and the sum of its entries. */
async function platformParts() {
  const [row] = await query(sql`
    select (select balance from cards where id = ${PLATFORM_ID})::text as row_balance,
           (select coalesce(sum(balance), 0) from card_credit_shards where card_id = ${PLATFORM_ID})::text as shards,
           (select coalesce(sum(amount), 0) from ledger_entries where card_id = ${PLATFORM_ID})::text as entries`);
  return {
    row: BigInt(row?.row_balance as string),
    shards: BigInt(row?.shards as string),
    entries: BigInt(row?.entries as string),
  };
}

const postTransfer = (user: TestUser, card: TestCard, to: string, tiyin: bigint) => sql`
  select ledger_post(p_type => 'transfer', p_initiator => ${user.id}::uuid,
    p_from_card_id => ${card.id}::uuid, p_to_card_number => ${to}::text,
    p_amount => ${tiyin.toString()}::bigint, p_platform_card_number => ${PLATFORM}::text) as outcome`;

describe("the platform card's credit shards", () => {
  it("take every credit without locking the platform card's row", async () => {
    const { user, card } = await payer();
    const receiver = await openActiveCard(await newUser());
    const subscriber = await payer(85_000_00n);
    const before = await balanceOf(PLATFORM);
    // Hold the lock an update of the platform card's row would need.
    const release = await holdTransactionOpen(async (tx) => {
      await tx.execute(sql`select 1 from cards where id = ${PLATFORM_ID} for no key update`);
    });
    try {
      const commission = await within(
        5_000,
        sendMoney(user, {
          from_card_id: card.id,
          to_card_number: receiver.card_number,
          amount: 10_000,
        }),
      );
      expect(commission.status).toBe(201);
      const direct = await within(
        5_000,
        sendMoney(user, { from_card_id: card.id, to_card_number: PLATFORM, amount: 10_000 }),
      );
      expect(direct.status).toBe(201);
      const premium = await within(
        5_000,
        call(`/api/subscription/${subscriber.card.id}`, {
          method: "POST",
          headers: {
            ...bearer(subscriber.user.accessToken),
            "Idempotency-Key": crypto.randomUUID(),
          },
        }),
      );
      expect(premium.status).toBe(201);
    } finally {
      await release();
    }
    // A commission, a payment to the platform card and its commission, a premium price.
    expect((await balanceOf(PLATFORM)) - before).toBe(100_00n + 10_000_00n + 100_00n + 85_000_00n);
    const parts = await platformParts();
    expect(parts.row + parts.shards).toBe(parts.entries);
    expect(parts.shards).toBeGreaterThan(0n);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });

  it("lets a payment through while other payments hold shards in open transactions", async () => {
    // Each with a receiver of its own: only the platform card is shared.
    const [a, b, c] = [await payer(), await payer(), await payer()];
    const receivers = [];
    for (let i = 0; i < 3; i++) receivers.push(await openActiveCard(await newUser()));
    const before = await balanceOf(PLATFORM);
    const releases: (() => Promise<void>)[] = [];
    for (const [i, held] of [a, b].entries()) {
      const to = (receivers[i] as TestCard).card_number;
      releases.push(
        await holdTransactionOpen((tx) =>
          tx.execute(postTransfer(held.user, held.card, to, 10_000_00n)),
        ),
      );
    }
    try {
      // Two shards held by postings not yet committed: the third takes another at once.
      const third = await within(
        5_000,
        sendMoney(c.user, {
          from_card_id: c.card.id,
          to_card_number: (receivers[2] as TestCard).card_number,
          amount: 10_000,
        }),
      );
      expect(third.status).toBe(201);
      expect(await lockWaiters()).toBe(0);
    } finally {
      for (const release of releases) await release();
    }
    expect((await balanceOf(PLATFORM)) - before).toBe(3n * 100_00n);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });

  it("waits for one shard, then credits it, when every shard is held", async () => {
    const { user, card } = await payer();
    const receiver = await openActiveCard(await newUser());
    const before = await balanceOf(PLATFORM);
    const release = await holdTransactionOpen(async (tx) => {
      await tx.execute(
        sql`select 1 from card_credit_shards where card_id = ${PLATFORM_ID} for update`,
      );
    });
    let answered = false;
    const transfer = sendMoney(user, {
      from_card_id: card.id,
      to_card_number: receiver.card_number,
      amount: 10_000,
    }).then((response) => {
      answered = true;
      return response;
    });
    try {
      await waitForLockWaiters(1);
      expect(answered).toBe(false);
    } finally {
      await release();
    }
    expect((await transfer).status).toBe(201);
    expect((await balanceOf(PLATFORM)) - before).toBe(100_00n);
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });

  it("add up with the row to the platform card's entries, as reconciliation reads it", async () => {
    const parts = await platformParts();
    const audit = await withDb((db) => auditCard(db, PLATFORM_ID));
    expect(audit.stored).toBe(parts.row + parts.shards);
    expect(audit.stored).toBe(audit.calculated);
    // Money is conserved: every card (row plus shards) and the treasury sum to zero.
    const [sums] = await query(sql`
      select ((select sum(balance) from card_totals())
              + (select sum(balance) from system_accounts))::text as total`);
    expect(sums?.total).toBe("0");
  });

  it("never pays from the platform card", async () => {
    const receiver = await openActiveCard(await newUser());
    const refused = await query(sql`
        select ledger_post(p_type => 'transfer', p_initiator => ${SYSTEM_USER}::uuid,
          p_from_card_id => ${PLATFORM_ID}::uuid, p_to_card_number => ${receiver.card_number}::text,
          p_amount => 1000000, p_platform_card_number => ${PLATFORM}::text)`).catch(
      (error: Error) => error,
    );
    expect(refused).toBeInstanceOf(Error);
    expect(String((refused as Error).cause)).toMatch(/the platform card only receives/);
  });
});
