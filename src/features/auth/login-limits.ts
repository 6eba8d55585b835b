import type { Context } from "hono";
import { clientIp, spendRateLimits } from "../../lib/rate-limit";
import type { AppEnv } from "../../types";

/** The rate-limit window keys one login attempt was counted in (a success gives them back). */
export type SpentAttempt = string[];

/**
 * Counts a login attempt by a client without a device token for the account:
 * per client address (spraying many phones), per phone and address (one client
 * guessing), and per phone (many addresses guessing together). Over any → 429,
 * and the buckets after it are not counted. One Redis request.
 */
export function spendAnonymousAttempt<E extends AppEnv>(
  c: Context<E>,
  phone: string,
): Promise<SpentAttempt> {
  const address = clientIp(c);
  return spendRateLimits(c, [
    ["login", `ip:${address}`],
    ["loginPhoneAddress", `${phone}|${address}`],
    ["loginPhone", phone],
  ]);
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
  return spendRateLimits(c, [["loginDevice", deviceId]]);
}
