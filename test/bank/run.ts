// `npm run test:bank [-- --clients 32 --cards 20 --seconds 60]`
// A Jepsen-style bank test at the public API: concurrent clients pay each other
// (retrying with the same Idempotency-Key, some aborting mid-flight) and an admin
// brings cash in, while Postgres backends are killed, pooled connections dropped,
// Redis frozen and wiped, and the Worker restarted. Then it checks conservation,
// exactly-once and clean failures (checks.ts) and exits non-zero on any violation.
import { randomUUID } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import bcrypt from "bcryptjs";
import pg from "pg";
import { startStack } from "../../dev/stack/index.ts";
import { freePort } from "../../dev/stack/ports.ts";
import { type RedisHandle, startRedisServer } from "../../dev/stack/redis.ts";
import { buildWorker, type RunningWorker, startWorker } from "../../dev/stack/worker.ts";
import { generateCardNumber } from "../../src/lib/card-number.ts";
import { runChecks } from "./checks.ts";
import {
  type Card,
  createApi,
  execute,
  newDeposit,
  newTransfer,
  type Operation,
  pick,
} from "./clients.ts";
import { type FaultWindow, faults, OBSERVER, waitHealthy } from "./faults.ts";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: "32" },
    cards: { type: "string", default: "20" },
    seconds: { type: "string", default: "60" },
  },
});
const CLIENTS = Number(values.clients);
const CARDS = Number(values.cards);
const SECONDS = Number(values.seconds);
const DATABASE = "chontak_bank";
const PASSWORD = "bank-test-password-1";
const ADMIN_PHONE = "+998900000001";
/** Cards this poor run out of money at once: refusals are part of the test. */
const LOW_CARDS = Math.max(1, Math.floor(CARDS / 5));
/** How long clients keep retrying unanswered payments after the load stops. */
const DRAIN_MS = 20_000;

const began = Date.now();
const log = (message: string) =>
  console.log(`[bank +${((Date.now() - began) / 1000).toFixed(1)}s] ${message}`);

const cleanups: (() => Promise<unknown>)[] = [];
async function cleanup() {
  for (let next = cleanups.pop(); next; next = cleanups.pop()) await next().catch(() => undefined);
}
process.on("SIGINT", () => void cleanup().finally(() => process.exit(130)));

/** Users (one card each) written straight into Postgres; their money comes in through the API. */
async function seedCards(db: pg.Client): Promise<Card[]> {
  const hash = await bcrypt.hash(PASSWORD, 4);
  await db.query(
    `insert into users (full_name, phone_number, password_hash, role) values ('Bank Admin', $1, $2, 'admin')`,
    [ADMIN_PHONE, hash],
  );
  const phones = Array.from({ length: CARDS }, (_, i) => `+99891${String(i).padStart(7, "0")}`);
  const numbers = phones.map(() => generateCardNumber());
  const { rows } = await db.query<{ id: string; card_number: string }>(
    `with u as (
       insert into users (full_name, phone_number, password_hash, role)
       select 'Client ' || p, p, $2, 'user' from unnest($1::text[]) as p
       returning id, phone_number)
     insert into cards (user_id, card_number, status, expiry_date)
     select u.id, n.number, 'active', current_date + interval '5 years'
     from u join unnest($1::text[], $3::text[]) as n(phone, number) on n.phone = u.phone_number
     returning id, card_number`,
    [phones, hash, numbers],
  );
  const ids = new Map(rows.map((row) => [row.card_number.trim(), row.id]));
  return numbers.map((number, i) => ({
    id: ids.get(number) as string,
    number,
    ownerPhone: phones[i] as string,
  }));
}

async function main(): Promise<number> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), "chontak-bank-"));
  await chmod(tmp, 0o755);
  cleanups.push(() => rm(tmp, { recursive: true, force: true }));

  // A Redis of our own, so that pausing and restarting it touches nothing else.
  const redisPort = await freePort();
  const redisDir = path.join(tmp, "redis");
  let redis: RedisHandle = await startRedisServer({ workDir: redisDir, port: redisPort });
  cleanups.push(() => redis.close());

  log("starting the stack and bundling the Worker");
  const stack = await startStack({ databaseName: DATABASE, ephemeral: true, redisUrl: redis.url });
  cleanups.push(() => stack.close());
  const db = new pg.Client({
    connectionString: stack.directDatabaseUrl,
    application_name: OBSERVER,
  });
  await db.connect();
  cleanups.push(() => db.end());
  const admin = new pg.Client({ connectionString: stack.adminDatabaseUrl });
  await admin.connect();
  cleanups.push(() => admin.end());

  const { entry } = await buildWorker(tmp);
  const workerPort = await freePort();
  const vars = {
    ...stack.bindings,
    JWT_SECRET: `bank-secret-${randomUUID()}`,
    BCRYPT_COST: "4",
    RATE_LIMIT_MULTIPLIER: "100000", // the limits stay in the path, but never throttle
    ACCESS_TOKEN_EXPIRE_MINUTES: "60",
  };
  const statePath = path.join(tmp, "state");
  let worker: RunningWorker = await startWorker(entry, vars, statePath, workerPort);
  cleanups.push(() => worker.stop());
  const baseUrl = worker.url;

  const cards = await seedCards(db);
  let draining = false;
  let drainDeadline = Number.POSITIVE_INFINITY;
  const api = createApi(baseUrl, PASSWORD, () => Date.now() > drainDeadline);
  const operations: Operation[] = [];
  const inFlight = new Set<Operation>();
  const run = async (op: Operation, abortMidFlight = false) => {
    operations.push(op);
    inFlight.add(op);
    await execute(api, op, { until: () => Date.now() > drainDeadline, abortMidFlight })
      .catch(
        () => undefined, // a login that never came back: the outcome stays unknown
      )
      .finally(() => inFlight.delete(op));
  };

  log(`funding ${CARDS} cards through the admin cash-in (${LOW_CARDS} of them poor)`);
  await Promise.all(
    cards.map((card, i) =>
      run(newDeposit(ADMIN_PHONE, card, i < LOW_CARDS ? 300_000 : 30_000_000)),
    ),
  );
  if (operations.some((op) => op.outcome !== "success")) throw new Error("funding failed");

  log(`${CLIENTS} clients paying for ${SECONDS} s while faults are injected`);
  const clients = Array.from({ length: CLIENTS }, async (_, i) => {
    if (i === 0) {
      // The cashier: small cash-ins, mostly to the poor cards.
      while (!draining) {
        const to = Math.random() < 0.7 ? pick(cards.slice(0, LOW_CARDS)) : pick(cards);
        await run(newDeposit(ADMIN_PHONE, to, 500_000 + Math.floor(Math.random() * 1_500_000)));
        await sleep(300);
      }
      return;
    }
    const card = cards[i % CARDS] as Card;
    while (!draining) await run(newTransfer(card, cards), i % 8 === 1);
  });

  const windows: FaultWindow[] = [];
  const workerErrors: string[] = [];
  const plan = faults({
    admin,
    database: DATABASE,
    dropPooledConnections: () => {
      stack.wsProxy.dropAll();
      stack.neonHttp?.dropAll();
    },
    redisPid: () => redis.pid as number,
    restartRedis: async () => {
      await redis.close();
      await sleep(1_000);
      redis = await startRedisServer({ workDir: redisDir, port: redisPort });
    },
    restartWorker: async () => {
      workerErrors.push(...worker.errors);
      await worker.stop();
      worker = await startWorker(entry, vars, statePath, workerPort);
    },
  });
  const loadStarted = Date.now();
  const injector = (async () => {
    const gap = (SECONDS * 1000) / (plan.length + 1);
    for (const fault of plan) {
      await sleep(Math.max(0, loadStarted + gap * (windows.length + 1) - Date.now()));
      const startedAt = Date.now();
      log(`fault: ${fault.name}`);
      await fault.run();
      const healedAt = Date.now();
      const recoveredAt = await waitHealthy(baseUrl, 30_000);
      windows.push({ name: fault.name, startedAt, healedAt, recoveredAt });
      log(
        `  healed; healthy again after ${recoveredAt === null ? "never" : `${recoveredAt - healedAt} ms`}`,
      );
    }
  })();

  await injector;
  // The load keeps going for a while after the last fault, so recovery is proven by payments.
  await sleep(Math.max(5_000, loadStarted + SECONDS * 1000 - Date.now()));
  draining = true;
  drainDeadline = Date.now() + DRAIN_MS;
  log("stopping new payments; unanswered ones keep retrying their keys");
  // Every attempt is bounded, so the clients end soon after the deadline; if one does not,
  // say which operation hangs and where, instead of hanging the run.
  const settled = await Promise.race([
    Promise.all(clients).then(() => true),
    sleep(DRAIN_MS + 60_000).then(() => false),
  ]);
  if (!settled) {
    for (const op of inFlight) {
      const last = op.attempts.at(-1);
      console.error(
        `still running: ${op.kind} ${op.key} after ${op.attempts.length} attempts; last ${
          last
            ? `${last.status} ${last.error ?? ""} ended ${Date.now() - last.endedAt} ms ago`
            : "none"
        }`,
      );
    }
    throw new Error(`${inFlight.size} operation(s) never finished`);
  }

  const checks = await runChecks(db, operations, windows);
  workerErrors.push(...worker.errors);
  printSummary(operations);
  console.log("\nchecks:");
  for (const c of checks) console.log(`  ${c.pass ? "PASS" : "FAIL"}  ${c.name}: ${c.detail}`);
  const failed = checks.filter((c) => !c.pass).length;
  if (failed > 0) printWorkerErrors(workerErrors);
  console.log(failed === 0 ? "\nbank test: PASS" : `\nbank test: FAIL (${failed} violated)`);
  return failed === 0 ? 0 : 1;
}

function printSummary(operations: Operation[]) {
  const count = (list: string[]) =>
    Object.entries(
      list.reduce<Record<string, number>>((acc, k) => {
        acc[k] = (acc[k] ?? 0) + 1;
        return acc;
      }, {}),
    )
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `${k} ${n}`)
      .join(", ");
  const attempts = operations.flatMap((op) => op.attempts);
  const code = (body: string) => {
    try {
      return (JSON.parse(body) as { code?: string }).code ?? "";
    } catch {
      return "";
    }
  };
  console.log(`\noperations: ${count(operations.map((op) => `${op.kind}:${op.outcome}`))}`);
  console.log(
    `attempts: ${attempts.length}; by answer: ${count(
      attempts.map((a) =>
        a.status === 0
          ? a.aborted
            ? "aborted"
            : "no-answer"
          : `${a.status}${code(a.body) && ` ${code(a.body)}`}`,
      ),
    )}`,
  );
}

/** The Worker's own account of its 500s and 503s, grouped by message. */
function printWorkerErrors(lines: string[]) {
  const kinds = new Map<string, number>();
  for (const line of lines) {
    // workerd may prefix or suffix the logged JSON, so pick its two fields out.
    const field = (name: string) => new RegExp(`"${name}":"((?:[^"\\\\]|\\\\.)*)"`).exec(line)?.[1];
    const kind = `${field("code")}: ${field("error")?.slice(0, 200)}`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  console.log("\nworker error logs:");
  for (const [kind, n] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`  ${n} × ${kind}`);
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (error: Error) => {
    console.error(`\nbank test failed to run: ${error.stack ?? error.message}`);
    await cleanup();
    process.exit(1);
  });
