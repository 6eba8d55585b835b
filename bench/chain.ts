// The ledger's hash chains: chaining the seeded history, what a chained posting
// costs against the same posting unchained, and how long the whole proof takes.
import { readFile } from "node:fs/promises";
import type pg from "pg";
import type { Check } from "./reconcile.ts";
import type { Account } from "./seed.ts";
import { PLATFORM_CARD } from "./seed.ts";

const TICKS_PER_SECOND = 100;

/**
 * The seed writes history rows straight into ledger_entries; this appends them to
 * their accounts' chains (in the order they were written) and moves the heads, as
 * ledger_post would have (ledger_chain_link).
 */
export async function chainSeededEntries(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    "select count(*)::int as n from ledger_entries where hash is null",
  );
  // A card's head row is written once, after its last entry: updating one row
  // thousands of times in one transaction would walk an ever longer version chain.
  await client.query(`
    do $$
    declare
      r record;
      v_card uuid;
      v_prev bytea;
      v_position bigint;
    begin
      for r in
        select e.id, e.transaction_id, e.card_id, e.amount, e.created_at, t.type::text as type
        from ledger_entries e join transactions t on t.id = e.transaction_id
        where e.hash is null and e.card_id is not null and e.shard is null
        order by e.card_id, e.created_at, e.id
      loop
        if v_card is distinct from r.card_id then
          if v_card is not null then
            update cards set chain_head = v_prev, chain_length = v_position where id = v_card;
          end if;
          v_card := r.card_id;
          select chain_head, chain_length into v_prev, v_position from cards where id = v_card;
        end if;
        v_position := v_position + 1;
        v_prev := ledger_entry_hash(v_prev, r.id, r.transaction_id, r.type,
                                    ledger_chain_account(r.card_id, null, null), v_position,
                                    r.amount, r.created_at);
        update ledger_entries set chain_position = v_position, hash = v_prev where id = r.id;
      end loop;
      if v_card is not null then
        update cards set chain_head = v_prev, chain_length = v_position where id = v_card;
      end if;
    end $$`);
  return rows[0]?.n ?? 0;
}

/** utime + stime of one process, in ticks; null where /proc cannot be read (a remote server). */
async function cpuTicks(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

export interface ChainVariant {
  postings: number;
  msPerPosting: number;
  cpuMsPerPosting: number | null;
  walBytesPerPosting: number;
}

export interface ChainCost {
  chained: ChainVariant;
  unchained: ChainVariant;
  proof: { entries: number; chains: number; ms: number; valid: boolean };
}

/**
 * The same transfer (a `user` card to another, 1 % commission into a platform
 * shard) posted with the chain and with chontak.ledger_chain = 'off', one posting
 * per transaction, each rolled back so the unchained entries never stay and every
 * posting finds its rows as a real one does. The variants alternate in rounds so
 * drift on a shared machine hits both; time is the statement's round trip on a
 * direct connection, CPU is the Postgres backend's own (from /proc, so it also
 * counts the begin/set/rollback around each posting, the same in both), WAL is
 * the bytes the posting inserted. A commit would add its WAL flush to both variants.
 */
export async function measureChainCost(
  client: pg.Client,
  users: Account[],
  rounds = 20,
  perRound = 50,
): Promise<ChainCost> {
  const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
  const pid = rows[0]?.pid as number;
  const totals = {
    on: { ms: 0, ticks: 0, wal: 0, n: 0, cpu: true },
    off: { ms: 0, ticks: 0, wal: 0, n: 0, cpu: true },
  };
  for (let round = 0; round < rounds; round++) {
    for (const mode of round % 2 === 0 ? (["on", "off"] as const) : (["off", "on"] as const)) {
      const total = totals[mode];
      const ticksBefore = await cpuTicks(pid);
      for (let i = 0; i < perRound; i++) {
        const from = users[(round * perRound + i) % users.length] as Account;
        const to = users[(round * perRound + i + 1) % users.length] as Account;
        await client.query("begin");
        await client.query(`set local chontak.ledger_chain = '${mode}'`);
        const lsn = async () =>
          (await client.query<{ at: string }>("select pg_current_wal_insert_lsn()::text as at"))
            .rows[0]?.at as string;
        const walBefore = await lsn();
        const started = performance.now();
        const { rows: posted } = await client.query<{ status: number }>(
          `select (ledger_post(p_type => 'transfer', p_initiator => $1, p_from_card_id => $2,
                     p_to_card_number => $3, p_amount => 500000,
                     p_platform_card_number => $4)->>'status_code')::int as status`,
          [from.userId, from.cardId, to.cardNumber, PLATFORM_CARD],
        );
        total.ms += performance.now() - started;
        const { rows: wal } = await client.query<{ bytes: string }>(
          "select (pg_current_wal_insert_lsn() - $1::pg_lsn)::text as bytes",
          [walBefore],
        );
        await client.query("rollback");
        if (posted[0]?.status !== 201) throw new Error("chain cost: a posting was refused");
        total.wal += Number(wal[0]?.bytes);
        total.n += 1;
      }
      const ticksAfter = await cpuTicks(pid);
      if (ticksBefore === null || ticksAfter === null) total.cpu = false;
      else total.ticks += ticksAfter - ticksBefore;
    }
  }
  const variant = (t: (typeof totals)["on"]): ChainVariant => ({
    postings: t.n,
    msPerPosting: t.ms / t.n,
    cpuMsPerPosting: t.cpu ? ((t.ticks / TICKS_PER_SECOND) * 1000) / t.n : null,
    walBytesPerPosting: t.wal / t.n,
  });

  const started = performance.now();
  const { rows: proved } = await client.query<{
    proof: { entries: number; chains: number; valid: boolean };
  }>("select ledger_proof() as proof");
  const proof = proved[0]?.proof as { entries: number; chains: number; valid: boolean };
  return {
    chained: variant(totals.on),
    unchained: variant(totals.off),
    proof: { ...proof, ms: performance.now() - started },
  };
}

export function chainCheck(cost: ChainCost): Check {
  return {
    name: "ledger proof: every hash chain valid",
    pass: cost.proof.valid,
    detail: `${cost.proof.entries} entries in ${cost.proof.chains} chains, ${cost.proof.ms.toFixed(0)} ms`,
  };
}

export function printChainCost(cost: ChainCost): void {
  const fmt = (v: ChainVariant) =>
    `${v.msPerPosting.toFixed(3)} ms, ${v.cpuMsPerPosting === null ? "?" : v.cpuMsPerPosting.toFixed(3)} ms backend CPU, ${v.walBytesPerPosting.toFixed(0)} WAL bytes`;
  console.log("\nhash chain, per transfer (ledger_post alone, direct connection, rolled back):");
  console.log(`  chained:   ${fmt(cost.chained)}  (${cost.chained.postings} postings)`);
  console.log(`  unchained: ${fmt(cost.unchained)}  (${cost.unchained.postings} postings)`);
  const cpu =
    cost.chained.cpuMsPerPosting !== null && cost.unchained.cpuMsPerPosting !== null
      ? `, ${(cost.chained.cpuMsPerPosting - cost.unchained.cpuMsPerPosting).toFixed(3)} ms CPU`
      : "";
  console.log(
    `  the chain adds ${(cost.chained.msPerPosting - cost.unchained.msPerPosting).toFixed(3)} ms${cpu}, ` +
      `${(cost.chained.walBytesPerPosting - cost.unchained.walBytesPerPosting).toFixed(0)} WAL bytes`,
  );
  console.log(
    `  proof: ${cost.proof.entries} entries in ${cost.proof.chains} chains in ${cost.proof.ms.toFixed(0)} ms ` +
      `(${((cost.proof.ms * 1000) / Math.max(1, cost.proof.entries)).toFixed(2)} µs per entry)`,
  );
}
