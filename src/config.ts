import { z } from "zod";
import { parseMoney } from "./lib/money";
import { PublicKeysSetting, SigningKeySetting } from "./lib/receipt-keys";

const integer = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const CONFIG_SCHEMA = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection string"),
  /** Local only: host:port of the WebSocket→TCP proxy that stands in for Neon's edge. */
  DB_WS_PROXY: z
    .string()
    .regex(/^[\w.-]+:\d+$/, "must be host:port")
    .optional(),
  /**
   * Local only: URL of the SQL-over-HTTP endpoint that stands in for Neon's `/sql` (production
   * derives it from DATABASE_URL's host).
   */
  DB_HTTP_ENDPOINT: z.url().optional(),
  /** Neon pipelines the startup with cleartext password auth; a trust-auth local server needs "false". */
  DB_PIPELINE_CONNECT: z.enum(["password", "false"]).default("password"),
  UPSTASH_REDIS_REST_URL: z.url(),
  UPSTASH_REDIS_REST_TOKEN: z.string().min(1),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters"),
  ACCESS_TOKEN_EXPIRE_MINUTES: integer(15, 1, 24 * 60),
  REFRESH_TOKEN_EXPIRE_DAYS: integer(7, 1, 365),
  BCRYPT_COST: integer(10, 4, 15),
  SUBSCRIPTION_PRICE: z
    .string()
    .default("85000")
    .transform((value, ctx) => {
      const tiyin = parseMoney(value);
      if (tiyin === null || tiyin <= 0n) {
        ctx.addIssue({ code: "custom", message: "must be a positive so'm amount" });
      }
      return tiyin ?? 0n;
    }),
  /**
   * A cash-in of more than this many so'm waits for a second admin's approval
   * before it moves money; up to it, it posts at once.
   */
  CASH_IN_APPROVAL_THRESHOLD: z
    .string()
    .default("10000000")
    .transform((value, ctx) => {
      const tiyin = parseMoney(value);
      if (tiyin === null || tiyin <= 0n) {
        ctx.addIssue({ code: "custom", message: "must be a positive so'm amount" });
      }
      return tiyin ?? 0n;
    }),
  /** Comma-separated web origins allowed by CORS. */
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    ),
  /**
   * The web app's origin, where a payment request's link (`/pay/{id}`) opens. Unset: the
   * first of CORS_ORIGINS (the web app is the origin the API serves).
   */
  WEB_APP_URL: z
    .url()
    .optional()
    .transform((value) => value?.replace(/\/+$/, "")),
  /**
   * The bank's Ed25519 private key that signs receipts: PKCS#8, base64 of the DER
   * (or PEM). A secret; required, so a deploy without it refuses to serve.
   */
  RECEIPT_SIGNING_KEY: SigningKeySetting,
  /** The `kid` of RECEIPT_SIGNING_KEY, as receipts and the published key set name it. */
  RECEIPT_KEY_ID: z
    .string()
    .regex(/^[\w.-]{1,64}$/, "must be 1–64 letters, digits, '.', '_' or '-'"),
  /**
   * Earlier public keys that stay published after a rotation (receipts they signed still
   * verify): a JSON array of Ed25519 JWKs, each with its `kid`.
   */
  RECEIPT_PUBLIC_KEYS: PublicKeysSetting,
  /** The passkeys' relying party: a registrable domain of the web app's origin. Unset: that origin's host. */
  WEBAUTHN_RP_ID: z.string().min(1).optional(),
  /** The name an authenticator shows beside a passkey. */
  WEBAUTHN_RP_NAME: z.string().min(1).default("Cho'ntak"),
  /** Comma-separated origins a passkey answer may come from. Unset: CORS_ORIGINS, else local dev. */
  WEBAUTHN_ORIGINS: z
    .string()
    .default("")
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim().replace(/\/+$/, ""))
        .filter(Boolean),
    ),
  /** Multiplies every rate limit; the benchmark raises it, production keeps 1. */
  RATE_LIMIT_MULTIPLIER: integer(1, 1, 1_000_000),
  /** Divides every rate-limit window (tests shorten 15 min to seconds); production keeps 1. */
  RATE_LIMIT_WINDOW_DIVISOR: integer(1, 1, 100_000),
  /** Tests only: a problem its operation does not declare in the OpenAPI document answers 500. */
  STRICT_PROBLEM_CODES: z
    .enum(["true", "false"])
    .default("false")
    .transform((value) => value === "true"),
  APP_VERSION: z.string().default("0.1.0"),
});

export type Config = z.infer<typeof CONFIG_SCHEMA>;

/** Where links into the web app point. */
export function webAppOrigin(config: Config): string {
  return (
    config.WEB_APP_URL ?? config.CORS_ORIGINS[0]?.replace(/\/+$/, "") ?? "http://localhost:5173"
  );
}

/** Where passkeys belong (RP ID, name) and the origins their answers may come from. */
export function webAuthnParty(config: Config): { rpId: string; rpName: string; origins: string[] } {
  const origins =
    config.WEBAUTHN_ORIGINS.length > 0
      ? config.WEBAUTHN_ORIGINS
      : config.CORS_ORIGINS.length > 0
        ? config.CORS_ORIGINS.map((origin) => origin.replace(/\/+$/, ""))
        : ["http://localhost:5173"];
  const first = origins[0] ?? "http://localhost:5173";
  return {
    rpId: config.WEBAUTHN_RP_ID ?? new URL(first).hostname,
    rpName: config.WEBAUTHN_RP_NAME,
    origins,
  };
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; variables: string[] };

// Bindings do not change during an isolate's life: validate each env object once.
const cache = new WeakMap<object, ConfigResult>();

export function loadConfig(env: object): ConfigResult {
  const cached = cache.get(env);
  if (cached) return cached;
  const parsed = CONFIG_SCHEMA.safeParse(env);
  const result: ConfigResult = parsed.success
    ? { ok: true, config: parsed.data }
    : {
        ok: false,
        variables: [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))],
      };
  cache.set(env, result);
  return result;
}
