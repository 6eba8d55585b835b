import type { RouteHandler } from "@hono/zod-openapi";
import { ApiError } from "../../lib/problem";
import { enforceRateLimit } from "../../lib/rate-limit";
import type { SessionEnv } from "../../types";
import { verifyPassword } from "../auth/password";
import { CHALLENGE_SECONDS, saveChallenge, takeChallenge } from "../passkeys/challenges";
import { credentialsOf, findPasskey, recordUse } from "../passkeys/passkeys.service";
import { authenticationOptions, verifyAssertion } from "../passkeys/webauthn";
import { findPasswordHash } from "../users/users.service";
import type * as routes from "./step-up.routes";
import { receiverKey, STEP_UP_TOKEN_SECONDS, signStepUpToken } from "./step-up-token";

/** A step-up challenge: for one session, one payment (amount in tiyin, receiver), one method. */
interface StepUpChallenge {
  challenge: string;
  userId: string;
  sid: string;
  amount: string;
  receiver: string;
  method: "passkey" | "password";
}

export const stepUpOptions: RouteHandler<typeof routes.stepUpOptions, SessionEnv> = async (c) => {
  const { sid, sub } = c.var.session;
  const body = c.req.valid("json");
  const receiver = receiverKey(
    body.to_card_number !== undefined
      ? { cardNumber: body.to_card_number }
      : body.to_phone_number !== undefined
        ? { phoneNumber: body.to_phone_number }
        : { paymentRequestId: body.payment_request_id as string },
  );
  const own = await credentialsOf(c.var.db(), sub);
  const options = own.length > 0 ? await authenticationOptions(c.var.config, own) : null;
  const challengeId = crypto.randomUUID();
  const method = options ? "passkey" : "password";
  await saveChallenge<StepUpChallenge>(c.var.redis, "step-up", challengeId, {
    challenge: options?.challenge ?? crypto.randomUUID(),
    userId: sub,
    sid,
    amount: body.amount.toString(),
    receiver,
    method,
  });
  return c.json({ challenge_id: challengeId, method, options, expires_in: CHALLENGE_SECONDS }, 200);
};

export const stepUp: RouteHandler<typeof routes.stepUp, SessionEnv> = async (c) => {
  const { sid, sub } = c.var.session;
  const body = c.req.valid("json");
  const db = c.var.db();
  const stored = await takeChallenge<StepUpChallenge>(c.var.redis, "step-up", body.challenge_id);
  if (!stored || stored.userId !== sub || stored.sid !== sid)
    throw new ApiError("PASSKEY_REJECTED");
  if (stored.method === "passkey") {
    const passkey = body.response ? await findPasskey(db, body.response.id) : null;
    if (!body.response || !passkey || passkey.userId !== sub)
      throw new ApiError("PASSKEY_REJECTED");
    const counter = await verifyAssertion(c.var.config, body.response, stored.challenge, passkey);
    await recordUse(db, passkey, counter);
  } else {
    // Someone holding an unlocked session must not guess the password freely.
    await enforceRateLimit(c, "login", `user:${sub}`);
    const hash = await findPasswordHash(db, sub);
    const valid = await verifyPassword(body.password ?? "", hash, c.var.config.BCRYPT_COST);
    if (!body.password || !valid) throw new ApiError("WRONG_PASSWORD");
  }
  const token = await signStepUpToken(c.var.config, {
    userId: sub,
    sid,
    amount: BigInt(stored.amount),
    receiver: stored.receiver,
  });
  return c.json({ step_up_token: token, expires_in: STEP_UP_TOKEN_SECONDS }, 200);
};
