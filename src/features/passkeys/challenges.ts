import type { Redis } from "@upstash/redis";
import { ApiError } from "../../lib/problem";

/**
 * WebAuthn challenges live in Redis, one key each, read with GETDEL: a
 * challenge answers once, and only within its lifetime. What it stores binds it
 * to whoever asked (their user and session, or the phone a login named).
 */
export const CHALLENGE_SECONDS = 120;

export type ChallengePurpose = "register" | "login" | "step-up";

const challengeKey = (purpose: ChallengePurpose, id: string) => `webauthn:${purpose}:${id}`;

export async function saveChallenge<T extends { challenge: string }>(
  redis: Redis,
  purpose: ChallengePurpose,
  id: string,
  value: T,
): Promise<void> {
  try {
    await redis.set(challengeKey(purpose, id), JSON.stringify(value), { ex: CHALLENGE_SECONDS });
  } catch (error) {
    throw new ApiError("SERVICE_UNAVAILABLE", { cause: error });
  }
}

/** The challenge, taken (nobody can answer it again); null: unknown, expired or already used. */
export async function takeChallenge<T>(
  redis: Redis,
  purpose: ChallengePurpose,
  id: string,
): Promise<T | null> {
  let stored: unknown;
  try {
    stored = await redis.getdel(challengeKey(purpose, id));
  } catch (error) {
    throw new ApiError("SERVICE_UNAVAILABLE", { cause: error });
  }
  if (stored === null || stored === undefined) return null;
  // The REST client parses JSON it recognises; a plain string is parsed here.
  return (typeof stored === "string" ? JSON.parse(stored) : stored) as T;
}
