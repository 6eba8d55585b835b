import { createRoute } from "@hono/zod-openapi";
import { jsonContent, problemResponse } from "../../lib/openapi";
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

export const register = createRoute({
  method: "post",
  path: "/api/auth/register",
  tags,
  summary: "Create an account",
  description:
    "Full name 2–50 characters (trimmed), phone +998 and 9 digits, password 8–72 bytes. Rate limited: 5 per hour per IP.",
  request: { body: jsonBody(RegisterBody) },
  responses: {
    201: jsonContent(UserSchema, "The new user"),
    409: problemResponse("PHONE_TAKEN"),
    422: problemResponse("Validation failed"),
    429: problemResponse("Too many registrations from this IP"),
  },
});

export const login = createRoute({
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
    401: problemResponse("INVALID_CREDENTIALS (same answer for an unknown phone)"),
    429: problemResponse("Too many attempts"),
  },
});

export const refresh = createRoute({
  method: "post",
  path: "/api/auth/refresh",
  tags,
  summary: "Trade a refresh token for a new pair (rotation)",
  description:
    "The presented refresh token dies. Presenting an already used refresh token again revokes that whole session (RFC 9700 reuse detection).",
  request: { body: jsonBody(RefreshBody) },
  responses: {
    200: jsonContent(TokenPairSchema, "A new access and refresh token"),
    401: problemResponse("INVALID_REFRESH_TOKEN or REFRESH_TOKEN_REVOKED"),
  },
});

export const logout = createRoute({
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
    401: problemResponse("INVALID_TOKEN"),
  },
});

export const me = createRoute({
  method: "get",
  path: "/api/auth/me",
  tags,
  summary: "The current user",
  middleware: [requireUser] as const,
  security,
  responses: {
    200: jsonContent(UserSchema, "The current user"),
    401: problemResponse("INVALID_TOKEN"),
  },
});

export const updateMe = createRoute({
  method: "patch",
  path: "/api/auth/me",
  tags,
  summary: "Change your name or phone number",
  description:
    "A phone change (to a number other than your own) is rate limited: 5 per hour per user, and it counts against the registration limit of your IP (5 per hour).",
  middleware: [requireUser] as const,
  security,
  request: { body: jsonBody(UpdateProfileBody) },
  responses: {
    200: jsonContent(UserSchema, "The updated user"),
    401: problemResponse("INVALID_TOKEN"),
    409: problemResponse("PHONE_TAKEN"),
    422: problemResponse("Validation failed"),
    429: problemResponse("Too many phone changes"),
  },
});

export const changePassword = createRoute({
  method: "patch",
  path: "/api/auth/change-password",
  tags,
  summary: "Change your password (logs out every session)",
  middleware: [requireUser] as const,
  security,
  request: { body: jsonBody(ChangePasswordBody) },
  responses: {
    200: jsonContent(DetailSchema, "Password changed; log in again"),
    400: problemResponse("PASSWORD_MISMATCH"),
    401: problemResponse("WRONG_PASSWORD or INVALID_TOKEN"),
    422: problemResponse("Validation failed"),
  },
});
