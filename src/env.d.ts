// Binding and export types for the Workers runtime and the Workers test pool.
declare namespace Cloudflare {
  interface Env {
    AVATARS: R2Bucket;
    DATABASE_URL: string;
    DB_WS_PROXY?: string;
    DB_PIPELINE_CONNECT?: string;
    UPSTASH_REDIS_REST_URL: string;
    UPSTASH_REDIS_REST_TOKEN: string;
    JWT_SECRET: string;
    RECEIPT_SIGNING_KEY: string;
    RECEIPT_KEY_ID: string;
    RECEIPT_PUBLIC_KEYS?: string;
    ACCESS_TOKEN_EXPIRE_MINUTES?: string;
    REFRESH_TOKEN_EXPIRE_DAYS?: string;
    BCRYPT_COST?: string;
    SUBSCRIPTION_PRICE?: string;
    CASH_IN_APPROVAL_THRESHOLD?: string;
    CORS_ORIGINS?: string;
    RATE_LIMIT_MULTIPLIER?: string;
    RATE_LIMIT_WINDOW_DIVISOR?: string;
    APP_VERSION?: string;
    /** Tests only: "true" answers a problem its operation does not declare with a 500. */
    STRICT_PROBLEM_CODES?: string;
    /** Tests only: a direct (unpooled) URL for assertions straight against Postgres. */
    DIRECT_DATABASE_URL?: string;
  }
  interface GlobalProps {
    mainModule: typeof import("./index");
  }
}
