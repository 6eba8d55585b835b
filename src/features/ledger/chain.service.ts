import { z } from "@hono/zod-openapi";
import { desc, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { ledgerDigests } from "../../db/schema";
import { ApiError } from "../../lib/problem";

const brokenLink = z.object({
  account: z.string(),
  card_id: z.string().nullable(),
  entry_id: z.string().nullable(),
  position: z.number(),
  stored_position: z.number().nullable(),
  reason: z.enum(["hash", "position", "head"]),
  expected: z.string().nullable(),
  stored: z.string().nullable(),
});

const digestCheck = z.object({
  day: z.string(),
  valid: z.boolean(),
  stored_root: z.string(),
  recomputed_root: z.string().nullable(),
});

const proofResult = z.object({
  valid: z.boolean(),
  card_found: z.boolean(),
  entries: z.number(),
  chains: z.number(),
  broken: brokenLink.nullable(),
  digest: digestCheck.nullable().optional(),
  elapsed_ms: z.number(),
});
export type LedgerProof = z.infer<typeof proofResult>;

/**
 * Recomputes the hash chains in one statement (ledger_proof): every chain, or
 * one card's; without a card also the day's (or latest) stored digest.
 */
export async function proveLedger(
  db: Database,
  options: { cardId?: string; digestDay?: string },
): Promise<LedgerProof> {
  const { rows } = await db.execute(
    sql`select ledger_proof(${options.cardId ?? null}::uuid, ${options.digestDay ?? null}::date) as proof`,
  );
  const proof = proofResult.parse(rows[0]?.proof);
  if (!proof.card_found) throw new ApiError("CARD_NOT_FOUND");
  return proof;
}

const recorded = z.object({
  recorded: z.boolean(),
  day: z.string(),
  root: z.string(),
  chains: z.number(),
  entries: z.number(),
});
export type RecordedDigest = z.infer<typeof recorded>;

/**
 * Records the day's digest of every chain head, once per day: a second run the
 * same day (the Cron Trigger fires hourly) keeps the first. Null when a run in
 * flight at the same moment recorded it.
 */
export async function recordDigest(db: Database, day?: string): Promise<RecordedDigest | null> {
  // The bank's day (Tashkent) unless a day is given.
  const { rows } = await db.execute(
    sql`select ledger_digest_record(coalesce(${day ?? null}::date, tashkent_today())) as digest`,
  );
  const digest = rows[0]?.digest;
  return digest ? recorded.parse(digest) : null;
}

export interface DigestRow {
  day: string;
  root: string;
  chains: number;
  entries: number;
  createdAt: Date;
}

/** The recorded digests, newest day first, with their total: one statement. */
export async function listDigests(
  db: Database,
  page: { page: number; limit: number },
): Promise<{ total: number; items: DigestRow[] }> {
  const rows = await db
    .select({
      day: ledgerDigests.day,
      root: sql<string>`encode(${ledgerDigests.root}, 'hex')`,
      chains: ledgerDigests.chains,
      entries: ledgerDigests.entries,
      createdAt: ledgerDigests.createdAt,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(ledgerDigests)
    .orderBy(desc(ledgerDigests.day))
    .limit(page.limit)
    .offset((page.page - 1) * page.limit);
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map(({ total: _total, ...row }) => row),
  };
}
