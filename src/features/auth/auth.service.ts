import type { Redis } from "@upstash/redis";
import type { Config } from "../../config";
import type { Database } from "../../db/client";
import { ApiError } from "../../lib/problem";
import {
  createUser,
  findCredentialsByPhone,
  findPasswordHash,
  findUserById,
  updateUser,
} from "../users/users.service";
import { type ClientInfo, describeDevice, maskAddress } from "./device";
import { hashPassword, verifyPassword } from "./password";
import { createSession, revokeAllSessions, revokeSession, rotateRefreshToken } from "./sessions";
import {
  type DeviceClaims,
  signDeviceToken,
  signToken,
  tokenLifetimeSeconds,
  verifyToken,
} from "./tokens";

export interface Deps {
  db: Database;
  redis: Redis;
  config: Config;
}

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: "bearer";
  expires_in: number;
}

async function signPair(config: Config, userId: string, sid: string, refreshJti: string) {
  const [accessToken, refreshToken] = await Promise.all([
    signToken(config, "access", { sub: userId, sid, jti: crypto.randomUUID() }),
    signToken(config, "refresh", { sub: userId, sid, jti: refreshJti }),
  ]);
  return {
    access_token: accessToken,
    refresh_token: refreshToken,
    token_type: "bearer" as const,
    expires_in: tokenLifetimeSeconds(config, "access"),
  };
}

export async function registerUser(
  { db, config }: Deps,
  input: { fullName: string; phoneNumber: string; password: string },
) {
  const passwordHash = await hashPassword(input.password, config.BCRYPT_COST);
  return createUser(db, { fullName: input.fullName, phoneNumber: input.phoneNumber, passwordHash });
}

export type LoginAccount = Awaited<ReturnType<typeof findCredentialsByPhone>>;

/** The account a login names, or null for an unknown phone (still checked, see logIn). */
export function findLoginAccount({ db }: Deps, phoneNumber: string): Promise<LoginAccount> {
  return findCredentialsByPhone(db, phoneNumber);
}

/**
 * Same 401 and the same bcrypt work for an unknown phone and a wrong password.
 * A success issues tokens (see issueTokens).
 */
export async function logIn(
  deps: Deps,
  account: LoginAccount,
  password: string,
  login: { client: ClientInfo; device: DeviceClaims | null; refund?: string[] },
): Promise<TokenPair & { device_token: string }> {
  const valid = await verifyPassword(
    password,
    account?.passwordHash ?? null,
    deps.config.BCRYPT_COST,
  );
  if (!account || !valid) throw new ApiError("INVALID_CREDENTIALS");
  return issueTokens(deps, account.id, login);
}

/**
 * Opens a session for a user who has proved who they are (every way of logging in
 * ends here, so each session carries its device label and masked address), gives
 * back the rate-limit counts the attempt spent (`refund`, in the same Redis
 * request) and renews the device token (keeping the device id of a valid one the
 * client presented for this account).
 */
export async function issueTokens(
  { redis, config }: Deps,
  userId: string,
  login: { client: ClientInfo; device?: DeviceClaims | null; refund?: string[] },
): Promise<TokenPair & { device_token: string }> {
  const sid = crypto.randomUUID();
  const refreshJti = crypto.randomUUID();
  const deviceId = login.device?.sub === userId ? login.device.jti : crypto.randomUUID();
  const [pair, deviceToken] = await Promise.all([
    signPair(config, userId, sid, refreshJti),
    signDeviceToken(config, { sub: userId, jti: deviceId }),
  ]);
  await createSession(
    redis,
    {
      sid,
      userId,
      refreshJti,
      ttlSeconds: tokenLifetimeSeconds(config, "refresh"),
      device: describeDevice(login.client.userAgent),
      address: maskAddress(login.client.address),
    },
    login.refund,
  );
  return { ...pair, device_token: deviceToken };
}

/** Rotation with reuse detection: a replayed refresh token ends its whole session. */
export async function refreshSession({ db, redis, config }: Deps, refreshToken: string) {
  const claims = await verifyToken(config, refreshToken, "refresh");
  const nextJti = crypto.randomUUID();
  const outcome = await rotateRefreshToken(redis, {
    sid: claims.sid,
    userId: claims.sub,
    presentedJti: claims.jti,
    nextJti,
    ttlSeconds: tokenLifetimeSeconds(config, "refresh"),
  });
  if (outcome !== "rotated") throw new ApiError("REFRESH_TOKEN_REVOKED");
  if (!(await findUserById(db, claims.sub))) {
    await revokeSession(redis, claims.sid, claims.sub);
    throw new ApiError("REFRESH_TOKEN_REVOKED");
  }
  return signPair(config, claims.sub, claims.sid, nextJti);
}

export async function logOut({ redis }: Deps, session: { sid: string; sub: string }) {
  await revokeSession(redis, session.sid, session.sub);
}

export async function changePassword(
  { db, redis, config }: Deps,
  userId: string,
  input: { oldPassword: string; newPassword: string; confirmPassword: string },
) {
  if (input.newPassword !== input.confirmPassword) throw new ApiError("PASSWORD_MISMATCH");
  const currentHash = await findPasswordHash(db, userId);
  if (!(await verifyPassword(input.oldPassword, currentHash, config.BCRYPT_COST))) {
    throw new ApiError("WRONG_PASSWORD");
  }
  await updateUser(db, userId, {
    passwordHash: await hashPassword(input.newPassword, config.BCRYPT_COST),
  });
  // Every device must log in again with the new password.
  await revokeAllSessions(redis, userId);
}
