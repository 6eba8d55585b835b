import { errors, jwtVerify, SignJWT } from "jose";
import type { Config } from "../../config";
import { ApiError } from "../../lib/problem";

export type TokenType = "access" | "refresh";

export interface TokenClaims {
  typ: TokenType;
  /** user id */
  sub: string;
  /** session (device) id: one per login, shared by every token of that session */
  sid: string;
  jti: string;
  iat: number;
  exp: number;
}

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
