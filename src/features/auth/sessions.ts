import type { Redis } from "@upstash/redis";
import { SLIDING_WINDOW_LUA } from "../../lib/rate-limit";
import { runScript } from "../../redis/script";

/**
 * Sessions (one per login/device) live in Redis:
 *   session:{sid}        hash {user, jti, device, address, created, used}
 *                        jti: of the one live refresh token; device: a label from the
 *                        User-Agent; address: the client address, masked; created and
 *                        used: epoch milliseconds
 *   user-sessions:{user} set of sids — for listing and "log out everywhere"
 * An access token is honoured only while its session exists, so logout and
 * password change take effect at once instead of after 15 minutes.
 */
export const sessionKey = (sid: string) => `session:${sid}`;
const userSessionsKey = (userId: string) => `user-sessions:${userId}`;

/** "Last used" is kept to the minute: a busier write would buy nothing a person sees. */
export const LAST_USED_PRECISION_MS = 60_000;

/**
 * Lua: whether the session hash at `key` belongs to `user`, recording its use at
 * `now` when the last record is older than the precision. It rides in the call that
 * checks the session anyway (the auth middleware's, the payment gate's), so "last
 * used" costs no round trip.
 */
export const TOUCH_SESSION_LUA = `
local function touchSession(key, user, now)
  local fields = redis.call('HMGET', key, 'user', 'used')
  if fields[1] ~= user then return false end
  if now - (tonumber(fields[2]) or 0) >= ${LAST_USED_PRECISION_MS} then
    redis.call('HSET', key, 'used', now)
  end
  return true
end`;

// Opens the session and gives back the rate-limit counts a successful login spent
// (KEYS after the first two), in one request: each is a round trip on the login's path.
const OPEN_SCRIPT = `#!lua flags=allow-key-locking
${SLIDING_WINDOW_LUA}
redis.call('HSET', KEYS[1], 'user', ARGV[1], 'jti', ARGV[2], 'device', ARGV[5], 'address', ARGV[6], 'created', ARGV[7], 'used', ARGV[7])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
redis.call('SADD', KEYS[2], ARGV[4])
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[3]))
for i = 3, #KEYS do giveBack(KEYS[i]) end
return 1`;

export interface NewSession {
  sid: string;
  userId: string;
  refreshJti: string;
  ttlSeconds: number;
  /** Device label; absent when the User-Agent told nothing. */
  device?: string | null;
  /** Masked client address; absent when unknown. */
  address?: string | null;
}

/** Opens a session; `refund` lists rate-limit window keys to give one count back to. */
export async function createSession(
  redis: Redis,
  session: NewSession,
  refund: string[] = [],
): Promise<void> {
  await runScript(
    redis,
    OPEN_SCRIPT,
    [sessionKey(session.sid), userSessionsKey(session.userId), ...refund],
    [
      session.userId,
      session.refreshJti,
      session.ttlSeconds,
      session.sid,
      session.device ?? "",
      session.address ?? "",
      Date.now(),
    ],
  );
}

// On every authenticated request: it declares its one key, so Upstash locks only that
// key rather than running it under the global script lock.
const CHECK_SCRIPT = `#!lua flags=allow-key-locking
${TOUCH_SESSION_LUA}
return touchSession(KEYS[1], ARGV[1], tonumber(ARGV[2])) and 1 or 0`;

/** Whether the session is alive and the user's; records its use (same request). */
export async function checkSession(redis: Redis, sid: string, userId: string): Promise<boolean> {
  return (
    (await runScript<number>(redis, CHECK_SCRIPT, [sessionKey(sid)], [userId, Date.now()])) === 1
  );
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
redis.call('HSET', KEYS[1], 'jti', ARGV[2], 'used', ARGV[5])
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
    [
      rotation.presentedJti,
      rotation.nextJti,
      String(rotation.ttlSeconds),
      rotation.sid,
      String(Date.now()),
    ],
  );
  return result === 1 ? "rotated" : result === -1 ? "reuse-detected" : "unknown-session";
}

export async function revokeSession(redis: Redis, sid: string, userId: string): Promise<void> {
  const multi = redis.multi();
  multi.del(sessionKey(sid));
  multi.srem(userSessionsKey(userId), sid);
  await multi.exec();
}

/** One live session as its owner sees it. */
export interface SessionInfo {
  sid: string;
  device: string | null;
  address: string | null;
  createdAt: Date | null;
  lastUsedAt: Date | null;
}

// Every live session of the user in one request; a sid whose hash has expired (or
// belongs to someone else) leaves the set on the way. It reaches hashes by the sids it
// finds, so it cannot declare its keys (nor can ending all others): both are rare
// (a look at the profile page), unlike the per-request check above. Also answers whether the
// caller's own session (ARGV[3]) is alive, recording its use, so the listing needs
// no separate check.
const LIST_SCRIPT = `${TOUCH_SESSION_LUA}
if not touchSession(ARGV[1] .. ARGV[3], ARGV[2], tonumber(ARGV[4])) then return 0 end
local sessions = {}
for _, sid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local f = redis.call('HMGET', ARGV[1] .. sid, 'user', 'device', 'address', 'created', 'used')
  if f[1] == ARGV[2] then
    table.insert(sessions, {sid, f[2] or '', f[3] or '', f[4] or '', f[5] or ''})
  else
    redis.call('SREM', KEYS[1], sid)
  end
end
return sessions`;

/** The user's live sessions; null when the caller's own session `current` is dead. */
export async function listSessions(
  redis: Redis,
  userId: string,
  current: string,
): Promise<SessionInfo[] | null> {
  const rows = await runScript<unknown[][] | 0>(
    redis,
    LIST_SCRIPT,
    [userSessionsKey(userId)],
    [sessionKey(""), userId, current, Date.now()],
  );
  if (!Array.isArray(rows)) return null;
  return rows.map(([sid, device, address, created, used]) => ({
    sid: String(sid),
    device: textOrNull(device),
    address: textOrNull(address),
    createdAt: dateOrNull(created),
    lastUsedAt: dateOrNull(used),
  }));
}

// The REST client parses replies that look like JSON, so a label may come back as a
// number or a boolean: it is text all the same.
const textOrNull = (value: unknown) =>
  value === null || value === undefined || value === "" ? null : String(value);
const dateOrNull = (value: unknown) => {
  const ms = Number(value);
  return value !== "" && Number.isFinite(ms) && ms > 0 ? new Date(ms) : null;
};

/** What ending a session by its id came to. */
export type EndOutcome = "ended" | "not-found" | "caller-dead";

// Ends session KEYS[1] only if it is the caller's (ARGV[1]); the caller's own session
// (KEYS[3]) is checked in the same request. Its access and refresh tokens die with it.
const END_SCRIPT = `#!lua flags=allow-key-locking
${TOUCH_SESSION_LUA}
if not touchSession(KEYS[3], ARGV[1], tonumber(ARGV[2])) then return -1 end
if redis.call('HGET', KEYS[1], 'user') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[3])
return 1`;

export async function endSession(
  redis: Redis,
  target: { sid: string; userId: string; callerSid: string },
): Promise<EndOutcome> {
  const result = await runScript<number>(
    redis,
    END_SCRIPT,
    [sessionKey(target.sid), userSessionsKey(target.userId), sessionKey(target.callerSid)],
    [target.userId, Date.now(), target.sid],
  );
  return result === 1 ? "ended" : result === 0 ? "not-found" : "caller-dead";
}

// Ends every session of the user but the caller's, atomically: a refresh of another
// session racing it either rotates first and dies here, or finds its session gone.
const END_OTHERS_SCRIPT = `${TOUCH_SESSION_LUA}
if not touchSession(ARGV[1] .. ARGV[3], ARGV[2], tonumber(ARGV[4])) then return -1 end
local ended = 0
for _, sid in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if sid ~= ARGV[3] then
    ended = ended + redis.call('DEL', ARGV[1] .. sid)
    redis.call('SREM', KEYS[1], sid)
  end
end
return ended`;

/** How many other live sessions ended; null when the caller's own session is dead. */
export async function endOtherSessions(
  redis: Redis,
  userId: string,
  current: string,
): Promise<number | null> {
  const ended = await runScript<number>(
    redis,
    END_OTHERS_SCRIPT,
    [userSessionsKey(userId)],
    [sessionKey(""), userId, current, Date.now()],
  );
  return ended < 0 ? null : ended;
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
