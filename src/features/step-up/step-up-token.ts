import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { errors, jwtVerify, SignJWT } from "jose";
import type { Config } from "../../config";
import type { SessionEnv } from "../../types";
import type { StepUpClaim } from "../ledger/idempotency";

/** A confirmation counts for this long after it was made. */
export const STEP_UP_TOKEN_SECONDS = 5 * 60;
/** Its spent-marker outlives it, so a token is never spent twice. */
const SPENT_MARKER_MARGIN_SECONDS = 60;

const ISSUER = "chontak";
const AUDIENCE = "step-up";
const keyFor = (config: Config) => new TextEncoder().encode(config.JWT_SECRET);

/** Whom a payment goes to, as a step-up token binds it. */
export type Receiver =
  | { cardNumber: string }
  | { phoneNumber: string }
  | { paymentRequestId: string };

export function receiverKey(receiver: Receiver): string {
  if ("cardNumber" in receiver) return `card:${receiver.cardNumber}`;
  if ("phoneNumber" in receiver) return `phone:${receiver.phoneNumber}`;
  return `request:${receiver.paymentRequestId}`;
}

export interface StepUpBinding {
  userId: string;
  sid: string;
  /** tiyin: the transferred amount */
  amount: bigint;
  receiver: string;
}

/** A one-time token saying: this person confirmed this payment just now, in this session. */
export function signStepUpToken(config: Config, binding: StepUpBinding): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    typ: "step-up",
    sid: binding.sid,
    amt: binding.amount.toString(),
    rcv: binding.receiver,
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(binding.userId)
    .setJti(crypto.randomUUID())
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + STEP_UP_TOKEN_SECONDS)
    .sign(keyFor(config));
}

const claims = z.object({
  typ: z.literal("step-up"),
  sub: z.string(),
  sid: z.string(),
  jti: z.string(),
  exp: z.number(),
  amt: z.string().regex(/^\d+$/),
  rcv: z.string(),
});

/** The Step-Up-Token header's claims, if it holds a valid token of the caller's session. */
export async function readStepUpToken(c: Context<SessionEnv>) {
  const token = c.req.header("step-up-token");
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, keyFor(c.var.config), {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ["sub", "jti", "exp"],
    });
    const parsed = claims.safeParse(payload);
    if (!parsed.success) return null;
    const { sub, sid } = c.var.session;
    return parsed.data.sub === sub && parsed.data.sid === sid
      ? { ...parsed.data, amount: BigInt(parsed.data.amt) }
      : null;
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof TypeError) return null;
    throw error;
  }
}

export type StepUpToken = NonNullable<Awaited<ReturnType<typeof readStepUpToken>>>;

/**
 * The token as the posting spends it, if it confirms exactly this payment
 * (amount and receiver). Any other token counts as none: the ledger then asks
 * for a confirmation if the amount needs one.
 */
export function stepUpFor(
  token: StepUpToken | null,
  payment: { amount: bigint; receiver: string },
): StepUpClaim | undefined {
  if (!token || token.amount !== payment.amount || token.rcv !== payment.receiver) return undefined;
  const left = token.exp - Math.floor(Date.now() / 1000);
  return { jti: token.jti, seconds: Math.max(1, left) + SPENT_MARKER_MARGIN_SECONDS };
}

/** The header a payment route declares. */
export const StepUpTokenHeader = z
  .string()
  .optional()
  .openapi({
    param: {
      name: "step-up-token",
      in: "header",
      required: false,
      description:
        "From `POST /api/auth/step-up`, for a payment above your step-up threshold: bound to this amount and receiver, valid 5 minutes, spent by one payment (retries with the same Idempotency-Key may send it again).",
    },
  });
