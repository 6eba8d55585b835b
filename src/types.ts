import type { Redis } from "@upstash/redis";
import type { RequestIdVariables } from "hono/request-id";
import type { Config } from "./config";
import type { Database, TransactionalDatabase } from "./db/client";

export interface Bindings {
  AVATARS: R2Bucket;
  [variable: string]: unknown;
}

export interface Variables extends RequestIdVariables {
  config: Config;
  language: string;
  /** Postgres over HTTP: one round trip per statement, nothing to open or close. */
  db: () => Database;
  /** A Pool opened on first use (closed in waitUntil after the response), for interactive transactions only. */
  transactionalDb: () => TransactionalDatabase;
  redis: Redis;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}

export type Role = "user" | "premium" | "admin";

/** A person as the API knows them (the user row joined with their avatar). */
export interface UserRecord {
  id: string;
  fullName: string;
  phoneNumber: string;
  role: Role;
  /** false: nobody finds this person by phone number (lookup, payment by phone) */
  discoverableByPhone: boolean;
  createdAt: Date;
  avatarId: string | null;
  /**
   * tiyin: a transfer above this needs a step-up confirmation. The person's
   * own setting or the default, never above their role's maximum.
   */
  stepUpThreshold: bigint;
}

export type TokenType = "access" | "refresh";

/** The claims of a verified access or refresh token. */
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

/** Routes behind `requireSession`: the caller's verified token (`session.sub` is their id). */
export interface SessionEnv extends AppEnv {
  Variables: Variables & { session: TokenClaims; sessionChecked?: boolean };
}

/** Routes behind `requireUser`: also the caller's user row, read fresh with the session check. */
export interface AuthedEnv extends AppEnv {
  Variables: Variables & { user: UserRecord; session: TokenClaims };
}
