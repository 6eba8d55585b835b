import type { Context } from "hono";
import {
  clientIp,
  enforceRateLimit,
  type RateLimitName,
  refundRateLimit,
} from "../../lib/rate-limit";
import type { AppEnv } from "../../types";

/** The limit buckets one login attempt was counted in. */
export type SpentAttempt = [name: RateLimitName, identifier: string][];

/**
 * Counts a login attempt by a client without a device token for the account:
 * per client address (spraying many phones), per phone and address (one client
 * guessing), and per phone (many addresses guessing together). Over any → 429.
 */
export async function spendAnonymousAttempt<E extends AppEnv>(
  c: Context<E>,
  phone: string,
): Promise<SpentAttempt> {
  const address = clientIp(c);
  const buckets: SpentAttempt = [
    ["login", `ip:${address}`],
    ["loginPhoneAddress", `${phone}|${address}`],
    ["loginPhone", phone],
  ];
  return spendInOrder(c, buckets);
}

/**
 * Counts a login attempt by a client presenting a valid device token. If the
 * token belongs to the account being logged in to, this is the only limit: an
 * attacker exhausting the phone's budget does not lock its owner out.
 */
export function spendDeviceAttempt<E extends AppEnv>(
  c: Context<E>,
  deviceId: string,
): Promise<SpentAttempt> {
  return spendInOrder(c, [["loginDevice", deviceId]]);
}

/** A successful login gives its counts back: the owner never spends their own budget. */
export async function refundAttempt<E extends AppEnv>(
  c: Context<E>,
  spent: SpentAttempt,
): Promise<void> {
  await Promise.all(spent.map(([name, identifier]) => refundRateLimit(c, name, identifier)));
}

// One bucket after another: a refusal stops before the later buckets are counted.
async function spendInOrder<E extends AppEnv>(
  c: Context<E>,
  buckets: SpentAttempt,
): Promise<SpentAttempt> {
  for (const [name, identifier] of buckets) await enforceRateLimit(c, name, identifier);
  return buckets;
}
