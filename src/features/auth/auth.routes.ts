import { defineRoute, jsonContent } from "../../lib/openapi";
import { requireUser } from "../../middleware/auth";
import {
  ChangePasswordBody,
  DetailSchema,
  LoginFormBody,
  LoginJsonBody,
  LoginResponseSchema,
  RefreshBody,
  RegisterBody,
  TokenPairSchema,
  UpdateProfileBody,
  UserSchema,
} from "./auth.schemas";

const tags = ["Auth"];
const security = [{ OAuth2PasswordBearer: [] }];
const jsonBody = <T>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const register = defineRoute({
  method: "post",
  path: "/api/auth/register",
  tags,
  summary: "Create an account",
  description:
    "Full name 2–50 characters (trimmed), phone +998 and 9 digits, password 8–72 bytes. Rate limited: 5 per hour per IP.",
  request: { body: jsonBody(RegisterBody) },
  responses: {
    201: jsonContent(UserSchema, "The new user"),
  },
  errors: [
    "PHONE_TAKEN",
    ["RATE_LIMITED", "too many registrations from this address"],
    "SERVICE_UNAVAILABLE",
  ],
});

export const login = defineRoute({
  method: "post",
  path: "/api/auth/login",
  tags,
  summary: "Log in with phone and password",
  description:
    "JSON `{phone_number, password, device_token?}` or the OAuth2 password form (`username`, `password`, `device_token?`). Opens a new session (device). Rate limited: 10 per 15 min per IP, 5 per 15 min per phone and IP, 20 per hour per phone; a client presenting the `device_token` of an earlier login to this account is limited only to 10 per 15 min of its own. A successful login does not count.",
  request: {
    body: {
      content: {
        "application/json": { schema: LoginJsonBody },
        "application/x-www-form-urlencoded": { schema: LoginFormBody },
      },
    },
  },
  responses: {
    200: jsonContent(LoginResponseSchema, "Access, refresh and device tokens"),
  },
  errors: [
    ["INVALID_CREDENTIALS", "the same answer for an unknown phone"],
    ["RATE_LIMITED", "too many attempts"],
    "SERVICE_UNAVAILABLE",
  ],
});

export const refresh = defineRoute({
  method: "post",
  path: "/api/auth/refresh",
  tags,
  summary: "Trade a refresh token for a new pair (rotation)",
  description:
    "The presented refresh token dies. Presenting an already used refresh token again revokes that whole session (RFC 9700 reuse detection).",
  request: { body: jsonBody(RefreshBody) },
  responses: {
    200: jsonContent(TokenPairSchema, "A new access and refresh token"),
  },
  errors: ["INVALID_REFRESH_TOKEN", "REFRESH_TOKEN_REVOKED", "SERVICE_UNAVAILABLE"],
});

export const logout = defineRoute({
  method: "post",
  path: "/api/auth/logout",
  tags,
  summary: "End this session now",
  description:
    "The session's refresh token and the access token of this call stop working immediately.",
  middleware: [requireUser] as const,
  security,
  responses: {
    200: jsonContent(DetailSchema, "Logged out"),
  },
  errors: [],
});

export const me = defineRoute({
  method: "get",
  path: "/api/auth/me",
  tags,
  summary: "The current user",
  middleware: [requireUser] as const,
  security,
  responses: {
    200: jsonContent(UserSchema, "The current user"),
  },
  errors: [],
});

export const updateMe = defineRoute({
  method: "patch",
  path: "/api/auth/me",
  tags,
  summary:
    "Change your name, phone number, whether others find you by phone, or your step-up threshold",
  description:
    "A phone change (to a number other than your own) is rate limited: 5 per hour per user, and it counts against the registration limit of your IP (5 per hour).",
  middleware: [requireUser] as const,
  security,
  request: { body: jsonBody(UpdateProfileBody) },
  responses: {
    200: jsonContent(UserSchema, "The updated user"),
  },
  errors: ["PHONE_TAKEN", ["RATE_LIMITED", "too many phone changes"]],
});

export const changePassword = defineRoute({
  method: "patch",
  path: "/api/auth/change-password",
  tags,
  summary: "Change your password (logs out every session)",
  description: "Rate limited: 10 per 15 min per user.",
  middleware: [requireUser] as const,
  security,
  request: { body: jsonBody(ChangePasswordBody) },
  responses: {
    200: jsonContent(DetailSchema, "Password changed; log in again"),
  },
  errors: ["PASSWORD_MISMATCH", "WRONG_PASSWORD", "RATE_LIMITED"],
});
