import type { Redis } from "@upstash/redis";
import { SLIDING_WINDOW_LUA } from "../../lib/rate-limit";
import { runScript } from "../../redis/script";

/**
 * Sessions (one per login/device) live in Redis:
 *   session:{sid}        hash {user, jti}  — jti of the one live refresh token
 *   user-sessions:{user} set of sids      — for "log out everywhere"
 * An access token is honoured only while its session exists, so logout and
 * password change take effect at once instead of after 15 minutes.
 */
export const sessionKey = (sid: string) => `session:${sid}`;
const userSessionsKey = (userId: string) => `user-sessions:${userId}`;

// Opens the session and gives back the rate-limit counts a successful login spent
// (KEYS after the first two), in one request: each is a round trip on the login's path.
const OPEN_SCRIPT = `#!lua flags=allow-key-locking
${SLIDING_WINDOW_LUA}
redis.call('HSET', KEYS[1], 'user', ARGV[1], 'jti', ARGV[2])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
redis.call('SADD', KEYS[2], ARGV[4])
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[3]))
for i = 3, #KEYS do giveBack(KEYS[i]) end
return 1`;

/** Opens a session; `refund` lists rate-limit window keys to give one count back to. */
export async function createSession(
  redis: Redis,
  session: { sid: string; userId: string; refreshJti: string; ttlSeconds: number },
  refund: string[] = [],
): Promise<void> {
  await runScript(
    redis,
    OPEN_SCRIPT,
    [sessionKey(session.sid), userSessionsKey(session.userId), ...refund],
    [session.userId, session.refreshJti, session.ttlSeconds, session.sid],
  );
}

export async function isSessionActive(redis: Redis, sid: string, userId: string): Promise<boolean> {
  return (await redis.hget<string>(sessionKey(sid), "user")) === userId;
}

// Compare-and-swap of the refresh jti, atomically (RFC 9700 §4.14.2):
// the presented jti is current → replace it; it is stale → somebody replayed
// an old refresh token, so the whole session (family) dies.
const ROTATE_SCRIPT = `
local current = redis.call('HGET', KEYS[1], 'jti')
if not current then return 0 end
if current ~= ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('SREM', KEYS[2], ARGV[4])
  return -1
end
redis.call('HSET', KEYS[1], 'jti', ARGV[2])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[3]))
return 1`;

export type RotationOutcome = "rotated" | "unknown-session" | "reuse-detected";

export async function rotateRefreshToken(
  redis: Redis,
  rotation: {
    sid: string;
    userId: string;
    presentedJti: string;
    nextJti: string;
    ttlSeconds: number;
  },
): Promise<RotationOutcome> {
  const result = await redis.eval<string[], number>(
    ROTATE_SCRIPT,
    [sessionKey(rotation.sid), userSessionsKey(rotation.userId)],
    [rotation.presentedJti, rotation.nextJti, String(rotation.ttlSeconds), rotation.sid],
  );
  return result === 1 ? "rotated" : result === -1 ? "reuse-detected" : "unknown-session";
}

export async function revokeSession(redis: Redis, sid: string, userId: string): Promise<void> {
  const multi = redis.multi();
  multi.del(sessionKey(sid));
  multi.srem(userSessionsKey(userId), sid);
  await multi.exec();
}

const REVOKE_ALL_SCRIPT = `
local sids = redis.call('SMEMBERS', KEYS[1])
for _, sid in ipairs(sids) do redis.call('DEL', ARGV[1] .. sid) end
redis.call('DEL', KEYS[1])
return #sids`;

/** Ends every session of the user (password change). */
export async function revokeAllSessions(redis: Redis, userId: string): Promise<number> {
  return redis.eval<string[], number>(
    REVOKE_ALL_SCRIPT,
    [userSessionsKey(userId)],
    [sessionKey("")],
  );
}
