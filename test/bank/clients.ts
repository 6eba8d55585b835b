// The bank test's clients: each loops "pick a payment, send it until it has an answer",
// reusing the payment's Idempotency-Key on every retry, as a careful mobile app would.
// Every attempt is kept (status, problem body, time) for the checks afterwards.
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { formatMoney } from "../../src/lib/money.ts";

export interface Card {
  id: string;
  number: string;
  ownerPhone: string;
}

export interface Attempt {
  /** 0 = no HTTP answer (refused, reset, aborted, timed out). */
  status: number;
  contentType: string | null;
  body: string;
  error?: string;
  aborted?: boolean;
  startedAt: number;
  endedAt: number;
}

export interface Operation {
  kind: "transfer" | "deposit";
  key: string;
  /** Whose key scope: the sender (transfer) or the admin (deposit). */
  phone: string;
  body: Record<string, string>;
  attempts: Attempt[];
  /** The transaction id every 2xx carried (they must agree). */
  transactionIds: Set<string>;
  outcome: "success" | "refused" | "unknown";
}

export interface Api {
  baseUrl: string;
  /** The phone's access token; pass the token a 401 refused to log in again (Redis lost the session). */
  token(phone: string, refused?: string): Promise<string>;
}

const REQUEST_TIMEOUT_MS = 15_000;
/** Statuses after which the same key must be sent again: no answer, busy, or an outage. */
const RETRYABLE = (status: number) =>
  status === 0 || status === 401 || status === 409 || status === 429 || status >= 500;

/** One HTTP request; never throws, so every attempt is recorded. */
export async function attempt(
  baseUrl: string,
  path: string,
  init: RequestInit,
  abortAfterMs?: number,
): Promise<Attempt> {
  const startedAt = Date.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), abortAfterMs ?? REQUEST_TIMEOUT_MS);
  let stuck: ReturnType<typeof setTimeout> | undefined;
  try {
    const answered = (async () => {
      const response = await fetch(`${baseUrl}${path}`, {
        ...init,
        signal: controller.signal,
      });
      return { response, body: await response.text() };
    })();
    // Node's fetch has been seen to stay pending after its abort, with no socket left:
    // a request that outlives its timeout by far counts as unanswered instead of
    // hanging its client forever.
    const hung = new Promise<never>((_, reject) => {
      stuck = setTimeout(
        () => reject(new Error("no answer after the abort")),
        REQUEST_TIMEOUT_MS + 5_000,
      );
    });
    const { response, body } = await Promise.race([answered, hung]);
    return {
      status: response.status,
      contentType: response.headers.get("content-type"),
      body,
      startedAt,
      endedAt: Date.now(),
    };
  } catch (error) {
    return {
      status: 0,
      contentType: null,
      body: "",
      error: (error as Error).message,
      aborted: abortAfterMs !== undefined && controller.signal.aborted,
      startedAt,
      endedAt: Date.now(),
    };
  } finally {
    clearTimeout(timer);
    clearTimeout(stuck);
  }
}

/** Sends an operation until it has a definitive answer or `until` passes. */
export async function execute(
  api: Api,
  operation: Operation,
  options: { until: () => boolean; abortMidFlight: boolean },
): Promise<void> {
  const path = operation.kind === "transfer" ? "/api/transactions" : "/api/admin/deposit";
  let refusedToken: string | undefined;
  for (let tries = 0; ; tries++) {
    const token = await api.token(operation.phone, refusedToken);
    // An aborting client gives up on its first tries after a few milliseconds: the
    // request may or may not have reached the Worker, which is the point.
    const abortAfter =
      options.abortMidFlight && tries < 2 ? 1 + Math.floor(Math.random() * 40) : undefined;
    const result = await attempt(
      api.baseUrl,
      path,
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "idempotency-key": operation.key,
        },
        body: JSON.stringify(operation.body),
      },
      abortAfter,
    );
    operation.attempts.push(result);
    refusedToken = result.status === 401 ? token : undefined;
    if (result.status >= 200 && result.status < 300) {
      const id = (JSON.parse(result.body) as { id?: string }).id;
      operation.transactionIds.add(id ?? "(no id)");
      operation.outcome = "success";
      return;
    }
    if (!RETRYABLE(result.status)) {
      operation.outcome = "refused";
      return;
    }
    if (options.until()) return; // outcome stays unknown
    // Back off a little more each time, with jitter, up to a second.
    await sleep(Math.min(1_000, 50 * 2 ** Math.min(tries, 5)) * (0.5 + Math.random()));
  }
}

export const pick = <T>(list: readonly T[]): T =>
  list[Math.floor(Math.random() * list.length)] as T;

/** A transfer from one of `from`'s cards to any other card: 2 000–30 000 so'm. */
export function newTransfer(from: Card, cards: readonly Card[]): Operation {
  let to = pick(cards);
  while (to.id === from.id) to = pick(cards);
  const tiyin = 200_000 + Math.floor(Math.random() * 2_800_001);
  return {
    kind: "transfer",
    key: randomUUID(),
    phone: from.ownerPhone,
    body: { from_card_id: from.id, to_card_number: to.number, amount: formatMoney(BigInt(tiyin)) },
    attempts: [],
    transactionIds: new Set(),
    outcome: "unknown",
  };
}

export function newDeposit(adminPhone: string, to: Card, tiyin: number): Operation {
  return {
    kind: "deposit",
    key: randomUUID(),
    phone: adminPhone,
    body: {
      to_card_number: to.number,
      amount: formatMoney(BigInt(tiyin)),
      description: "bank test cash-in",
    },
    attempts: [],
    transactionIds: new Set(),
    outcome: "unknown",
  };
}

/** Logs in on demand (once per phone at a time), retrying through outages. */
export function createApi(baseUrl: string, password: string, giveUp: () => boolean): Api {
  const sessions = new Map<string, Promise<string>>();
  const logIn = async (phone: string): Promise<string> => {
    for (;;) {
      const result = await attempt(baseUrl, "/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ phone_number: phone, password }),
      });
      if (result.status === 200)
        return (JSON.parse(result.body) as { access_token: string }).access_token;
      if (result.status !== 0 && result.status < 500)
        throw new Error(`login ${phone}: ${result.status} ${result.body}`);
      if (giveUp()) throw new Error(`login ${phone}: no answer before the end of the run`);
      await sleep(200);
    }
  };
  const api: Api = {
    baseUrl,
    async token(phone, refused) {
      const current = sessions.get(phone);
      if (current && (refused === undefined || (await current.catch(() => "")) !== refused))
        return current;
      const next = logIn(phone);
      sessions.set(phone, next);
      next.catch(() => sessions.delete(phone));
      return next;
    },
  };
  return api;
}
