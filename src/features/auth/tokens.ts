import { errors, jwtVerify, SignJWT } from "jose";
import type { Config } from "../../config";
import { ApiError } from "../../lib/problem";

import type { TokenClaims, TokenType } from "../../types";

export type { TokenClaims, TokenType };

const ISSUER = "chontak";
const encoder = new TextEncoder();
const keyFor = (config: Config) => encoder.encode(config.JWT_SECRET);

export function tokenLifetimeSeconds(config: Config, type: TokenType): number {
  return type === "access"
    ? config.ACCESS_TOKEN_EXPIRE_MINUTES * 60
    : config.REFRESH_TOKEN_EXPIRE_DAYS * 24 * 60 * 60;
}

export async function signToken(
  config: Config,
  type: TokenType,
  claims: { sub: string; sid: string; jti: string },
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ typ: type, sid: claims.sid })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.sub)
    .setJti(claims.jti)
    .setIssuer(ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(now + tokenLifetimeSeconds(config, type))
    .sign(keyFor(config));
}

/**
 * Verifies signature (HS256 only: `alg: none` and other algorithms are
 * refused), expiry and the token type, so a refresh token never passes as an
 * access token and vice versa.
 */
export async function verifyToken(
  config: Config,
  token: string,
  type: TokenType,
): Promise<TokenClaims> {
  const failure = type === "access" ? "INVALID_TOKEN" : "INVALID_REFRESH_TOKEN";
  try {
    const { payload } = await jwtVerify(token, keyFor(config), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      requiredClaims: ["sub", "jti", "iat", "exp"],
    });
    if (payload.typ !== type || typeof payload.sid !== "string") throw new ApiError(failure);
    return payload as unknown as TokenClaims;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    if (error instanceof errors.JOSEError || error instanceof TypeError) {
      throw new ApiError(failure, { cause: error });
    }
    throw error;
  }
}

/** Device tokens outlive sessions: a phone that logged in once stays known for this long. */
export const DEVICE_TOKEN_LIFETIME_SECONDS = 180 * 24 * 60 * 60;

export interface DeviceClaims {
  /** user id */
  sub: string;
  /** device id: stays the same when a login renews the token */
  jti: string;
}

/**
 * A device token says "this client logged in to this account before". It
 * authorises nothing; it only moves the client's login attempts off the
 * account-wide budget onto its own.
 */
export async function signDeviceToken(config: Config, device: DeviceClaims): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ typ: "device" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(device.sub)
    .setJti(device.jti)
    .setIssuer(ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(now + DEVICE_TOKEN_LIFETIME_SECONDS)
    .sign(keyFor(config));
}

/** The claims of a valid device token; null for anything else (expired, forged, another type). */
export async function readDeviceToken(config: Config, token: string): Promise<DeviceClaims | null> {
  try {
    const { payload } = await jwtVerify(token, keyFor(config), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      requiredClaims: ["sub", "jti", "iat", "exp"],
    });
    if (payload.typ !== "device" || !payload.sub || !payload.jti) return null;
    return { sub: payload.sub, jti: payload.jti };
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof TypeError) return null;
    throw error;
  }
}
