import { lt } from "drizzle-orm";
import { loadConfig } from "./config";
import { openHttpDatabase } from "./db/client";
import { idempotencyKeys } from "./db/schema";
import { expireCashIns } from "./features/admin/cash-in.service";
import { expireCards } from "./features/cards/cards.service";
import { recordDigest } from "./features/ledger/chain.service";
import { renewDueSubscriptions } from "./features/subscriptions/renewal.service";

/** The Cron Trigger: housekeeping that must happen even when nobody calls the API. */
export async function runScheduled(env: object): Promise<Record<string, number>> {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(`misconfigured: ${loaded.variables.join(", ")}`);
  const db = openHttpDatabase(loaded.config);
  const expiredCards = await expireCards(db);
  const renewal = await renewDueSubscriptions(db);
  const expiredCashIns = await expireCashIns(db);
  const purged = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.expiresAt, new Date()))
    .returning({ key: idempotencyKeys.key });
  // The first run of each day records the digest of every chain head; later runs keep it.
  const digest = await recordDigest(db);
  const report = {
    expiredCards,
    ...renewal,
    expiredCashIns,
    purgedIdempotencyKeys: purged.length,
    ledgerDigestRecorded: digest?.recorded ? 1 : 0,
  };
  console.log(JSON.stringify({ level: "info", scheduled: report }));
  return report;
}
