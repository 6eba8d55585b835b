import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ApiError } from "../../lib/problem";
import { clientIp, enforceRateLimit } from "../../lib/rate-limit";
import type { AppEnv, AuthedEnv, SessionEnv } from "../../types";
import { clientInfo } from "../auth/auth.handlers";
import { issueTokens } from "../auth/auth.service";
import { readDeviceToken } from "../auth/tokens";
import { findCredentialsByPhone } from "../users/users.service";
import { CHALLENGE_SECONDS, saveChallenge, takeChallenge } from "./challenges";
import type * as routes from "./passkeys.routes";
import * as passkeys from "./passkeys.service";
import * as webauthn from "./webauthn";

/** A registration challenge: for the session (its key) and user that asked. */
interface RegisterChallenge {
  challenge: string;
  userId: string;
}
/** A login challenge: for anyone, or for the account of the phone the login named. */
interface LoginChallenge {
  challenge: string;
  userId: string | null;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;
const render = (row: passkeys.PasskeyRow) => ({
  id: row.id,
  name: row.name,
  device_type: row.deviceType,
  backed_up: row.backedUp,
  created_at: row.createdAt.toISOString(),
  last_used_at: iso(row.lastUsedAt),
});

export const registrationOptions: RouteHandler<
  typeof routes.registrationOptions,
  AuthedEnv
> = async (c) => {
  const { user, session } = c.var;
  const existing = await passkeys.credentialsOf(c.var.db(), user.id);
  const options = await webauthn.registrationOptions(c.var.config, user, existing);
  await saveChallenge<RegisterChallenge>(c.var.redis, "register", session.sid, {
    challenge: options.challenge,
    userId: user.id,
  });
  return c.json(options, 200);
};

export const createPasskey: RouteHandler<typeof routes.createPasskey, SessionEnv> = async (c) => {
  const { sid, sub } = c.var.session;
  const body = c.req.valid("json");
  const stored = await takeChallenge<RegisterChallenge>(c.var.redis, "register", sid);
  if (!stored || stored.userId !== sub) throw new ApiError("PASSKEY_REJECTED");
  const credential = await webauthn.verifyRegistration(
    c.var.config,
    body.response,
    stored.challenge,
  );
  const row = await passkeys.addPasskey(c.var.db(), sub, body.name, credential);
  return c.json(render(row), 201);
};

export const listPasskeys: RouteHandler<typeof routes.listPasskeys, SessionEnv> = async (c) => {
  const rows = await passkeys.listPasskeys(c.var.db(), c.var.session.sub);
  return c.json(rows.map(render), 200);
};

export const renamePasskey: RouteHandler<typeof routes.renamePasskey, SessionEnv> = async (c) => {
  const row = await passkeys.renamePasskey(
    c.var.db(),
    c.var.session.sub,
    c.req.valid("param").id,
    c.req.valid("json").name,
  );
  return c.json(render(row), 200);
};

export const deletePasskey: RouteHandler<typeof routes.deletePasskey, SessionEnv> = async (c) => {
  await passkeys.deletePasskey(c.var.db(), c.var.session.sub, c.req.valid("param").id);
  return c.body(null, 204);
};

const spendLoginBudget = (c: Context<AppEnv>) => enforceRateLimit(c, "passkeyLogin", clientIp(c));

export const loginOptions: RouteHandler<typeof routes.loginOptions, AppEnv> = async (c) => {
  await spendLoginBudget(c);
  const { phone_number: phone } = c.req.valid("json");
  const db = c.var.db();
  // An unknown phone gets options like any other (no credentials listed): the
  // answer does not tell whether the number is registered.
  const account = phone ? await findCredentialsByPhone(db, phone) : null;
  const allow = account ? await passkeys.credentialsOf(db, account.id) : undefined;
  const options = await webauthn.authenticationOptions(c.var.config, allow);
  const challengeId = crypto.randomUUID();
  await saveChallenge<LoginChallenge>(c.var.redis, "login", challengeId, {
    challenge: options.challenge,
    userId: phone ? (account?.id ?? "none") : null,
  });
  return c.json({ challenge_id: challengeId, options, expires_in: CHALLENGE_SECONDS }, 200);
};

export const passkeyLogin: RouteHandler<typeof routes.passkeyLogin, AppEnv> = async (c) => {
  await spendLoginBudget(c);
  const body = c.req.valid("json");
  const { db, redis, config } = { db: c.var.db(), redis: c.var.redis, config: c.var.config };
  const stored = await takeChallenge<LoginChallenge>(redis, "login", body.challenge_id);
  if (!stored) throw new ApiError("INVALID_CREDENTIALS");
  const passkey = await passkeys.findPasskey(db, body.response.id);
  const named = webauthn.assertedUserId(body.response);
  if (
    !passkey ||
    (stored.userId !== null && stored.userId !== passkey.userId) ||
    (named !== null && named !== passkey.userId)
  ) {
    throw new ApiError("INVALID_CREDENTIALS");
  }
  try {
    const counter = await webauthn.verifyAssertion(
      config,
      body.response,
      stored.challenge,
      passkey,
    );
    await passkeys.recordUse(db, passkey, counter);
  } catch (error) {
    if (error instanceof ApiError && error.code === "PASSKEY_REJECTED") {
      throw new ApiError("INVALID_CREDENTIALS", { cause: error });
    }
    throw error;
  }
  const device = body.device_token ? await readDeviceToken(config, body.device_token) : null;
  const tokens = await issueTokens({ db, redis, config }, passkey.userId, {
    client: clientInfo(c),
    device,
  });
  return c.json(tokens, 200);
};
