import type { Redis } from "@upstash/redis";
import type { RequestIdVariables } from "hono/request-id";
import type { Config } from "./config";
import type { Database } from "./db/client";

export interface Bindings {
  AVATARS: R2Bucket;
  [variable: string]: unknown;
}

export interface Variables extends RequestIdVariables {
  config: Config;
  language: string;
  /** Lazily opened per request; the pool is closed in waitUntil after the response. */
  db: () => Database;
  redis: Redis;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}

/** Routes behind `requireUser`: the caller and their session are known. */
export interface AuthedEnv extends AppEnv {
  Variables: Variables & {
    user: import("./features/users/users.service").UserRecord;
    session: import("./features/auth/tokens").TokenClaims;
  };
}
