import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import { ApiError, validationMessage, zodIssuesToFieldErrors } from "../../lib/problem";
import { clientAddress, clientIp, enforceRateLimit } from "../../lib/rate-limit";
import type { AppEnv, AuthedEnv } from "../../types";
import {
  findUserById,
  setStepUpThreshold,
  toUserResponse,
  updateUser,
} from "../users/users.service";
import type * as routes from "./auth.routes";
import { LoginJsonBody } from "./auth.schemas";
import * as auth from "./auth.service";
import type { ClientInfo } from "./device";
import { spendAnonymousAttempt, spendDeviceAttempt } from "./login-limits";
import { readDeviceToken } from "./tokens";

const deps = <E extends AppEnv>(c: Context<E>): auth.Deps => ({
  db: c.var.db(),
  redis: c.var.redis,
  config: c.var.config,
});
const origin = (c: Context) => new URL(c.req.url).origin;
/** The device a login comes from, for its session's entry in the devices list. */
export const clientInfo = (c: Context): ClientInfo => ({
  userAgent: c.req.header("user-agent"),
  address: clientAddress(c),
});

export const register: RouteHandler<typeof routes.register, AppEnv> = async (c) => {
  await enforceRateLimit(c, "register", clientIp(c));
  const body = c.req.valid("json");
  const user = await auth.registerUser(deps(c), {
    fullName: body.full_name,
    phoneNumber: body.phone_number,
    password: body.password,
  });
  return c.json(toUserResponse(user, origin(c)), 201);
};

export const login: RouteHandler<typeof routes.login, AppEnv> = async (c) => {
  const form = c.req.valid("form");
  const json = c.req.valid("json");
  // Whichever body type came: the form's `username` is the phone number.
  const credentials =
    "username" in form
      ? { phone_number: form.username, password: form.password, device_token: form.device_token }
      : LoginJsonBody.safeParse(json);
  let phone: string;
  let password: string;
  let deviceToken: string | undefined;
  if ("success" in credentials) {
    if (!credentials.success) {
      throw new ApiError("VALIDATION_ERROR", {
        errors: zodIssuesToFieldErrors(credentials.error, json),
      });
    }
    ({ phone_number: phone, password, device_token: deviceToken } = credentials.data);
  } else {
    ({ phone_number: phone, password, device_token: deviceToken } = credentials);
  }

  const services = deps(c);
  const device = deviceToken ? await readDeviceToken(services.config, deviceToken) : null;
  // The limits and the account lookup at once: the lookup has no side effects,
  // and the answer waits for both (a refusal first).
  const [spent, account] = await bothSettled(
    device ? spendDeviceAttempt(c, device.jti) : spendAnonymousAttempt(c, phone),
    auth.findLoginAccount(services, phone),
  );
  // A device token of another account earns nothing: the anonymous limits apply too.
  if (device && account?.id !== device.sub) spent.push(...(await spendAnonymousAttempt(c, phone)));
  return c.json(
    await auth.logIn(services, account, password, { client: clientInfo(c), device, refund: spent }),
    200,
  );
};

/** Both results once both have settled; the first one's failure wins. */
async function bothSettled<A, B>(first: Promise<A>, second: Promise<B>): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled([first, second]);
  if (a.status === "rejected") throw a.reason;
  if (b.status === "rejected") throw b.reason;
  return [a.value, b.value];
}

export const refresh: RouteHandler<typeof routes.refresh, AppEnv> = async (c) => {
  const { refresh_token } = c.req.valid("json");
  return c.json(await auth.refreshSession(deps(c), refresh_token), 200);
};

export const logout: RouteHandler<typeof routes.logout, AuthedEnv> = async (c) => {
  await auth.logOut(deps(c), c.var.session);
  return c.json({ detail: "Tizimdan chiqdingiz" }, 200);
};

export const me: RouteHandler<typeof routes.me, AuthedEnv> = (c) =>
  c.json(toUserResponse(c.var.user, origin(c)), 200);

export const updateMe: RouteHandler<typeof routes.updateMe, AuthedEnv> = async (c) => {
  const body = c.req.valid("json");
  if (body.phone_number !== undefined && body.phone_number !== c.var.user.phoneNumber) {
    // A phone change answers whether the number is taken, as registration does: it
    // spends a per-user budget and the per-address registration budget.
    await enforceRateLimit(c, "phoneChange", c.var.user.id);
    await enforceRateLimit(c, "register", clientIp(c));
  }
  const db = c.var.db();
  if (
    body.step_up_threshold !== undefined &&
    !(await setStepUpThreshold(db, c.var.user.id, body.step_up_threshold))
  ) {
    throw new ApiError("VALIDATION_ERROR", {
      errors: [{ path: "step_up_threshold", message: validationMessage("step_up_threshold_max") }],
    });
  }
  if (
    body.full_name !== undefined ||
    body.phone_number !== undefined ||
    body.discoverable_by_phone !== undefined
  ) {
    await updateUser(db, c.var.user.id, {
      fullName: body.full_name,
      phoneNumber: body.phone_number,
      discoverableByPhone: body.discoverable_by_phone,
    });
  }
  const user = await findUserById(db, c.var.user.id);
  if (!user) throw new ApiError("INVALID_TOKEN");
  return c.json(toUserResponse(user, origin(c)), 200);
};

export const changePassword: RouteHandler<typeof routes.changePassword, AuthedEnv> = async (c) => {
  await enforceRateLimit(c, "login", `user:${c.var.user.id}`);
  const body = c.req.valid("json");
  await auth.changePassword(deps(c), c.var.user.id, {
    oldPassword: body.old_password,
    newPassword: body.new_password,
    confirmPassword: body.confirm_password,
  });
  return c.json({ detail: "Parol o'zgartirildi. Qaytadan kiring" }, 200);
};
