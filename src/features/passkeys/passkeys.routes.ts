import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../lib/openapi";
import { requireSession, requireUser } from "../../middleware/auth";
import { LoginResponseSchema } from "../auth/auth.schemas";
import {
  ChallengeSchema,
  CreatePasskeyBody,
  CredentialId,
  LoginOptionsBody,
  PasskeyLoginBody,
  PasskeySchema,
  RenamePasskeyBody,
  WebAuthnOptions,
} from "./passkeys.schemas";

const tags = ["Passkeys"];
const security = [{ OAuth2PasswordBearer: [] }];
const jsonBody = <T>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});
const IdParams = z.object({ id: CredentialId.openapi({ param: { name: "id", in: "path" } }) });

export const registrationOptions = defineRoute({
  method: "post",
  path: "/api/passkeys/registration-options",
  tags,
  security,
  middleware: [requireUser] as const,
  summary: "Start adding a passkey",
  description:
    "WebAuthn creation options (a discoverable credential). The challenge is bound to this session, answers once, within 2 minutes; asking again replaces it.",
  responses: { 200: jsonContent(WebAuthnOptions, "Options for `navigator.credentials.create()`") },
  errors: ["SERVICE_UNAVAILABLE"],
});

export const createPasskey = defineRoute({
  method: "post",
  path: "/api/passkeys",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Add a passkey",
  description:
    "The browser's answer to this session's registration options, with a name for the passkey (1–50 characters). At most 10 passkeys.",
  request: { body: jsonBody(CreatePasskeyBody) },
  responses: { 201: jsonContent(PasskeySchema, "The new passkey") },
  errors: [
    ["PASSKEY_REJECTED", "no live challenge of this session, or the answer does not verify"],
    "PASSKEY_LIMIT",
    "SERVICE_UNAVAILABLE",
  ],
});

export const listPasskeys = defineRoute({
  method: "get",
  path: "/api/passkeys",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Your passkeys, oldest first",
  responses: { 200: jsonContent(z.array(PasskeySchema), "Your passkeys") },
  errors: [],
});

export const renamePasskey = defineRoute({
  method: "patch",
  path: "/api/passkeys/{id}",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Rename a passkey",
  request: { params: IdParams, body: jsonBody(RenamePasskeyBody) },
  responses: { 200: jsonContent(PasskeySchema, "The renamed passkey") },
  errors: [["PASSKEY_NOT_FOUND", "also for another user's passkey"]],
});

export const deletePasskey = defineRoute({
  method: "delete",
  path: "/api/passkeys/{id}",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Delete a passkey",
  description: "It no longer logs in or confirms payments (the authenticator may still list it).",
  request: { params: IdParams },
  responses: { 204: { description: "Deleted" } },
  errors: [["PASSKEY_NOT_FOUND", "also for another user's passkey"]],
});

export const loginOptions = defineRoute({
  method: "post",
  path: "/api/auth/passkey/options",
  tags,
  summary: "Start a login with a passkey",
  description:
    "WebAuthn request options. Without a phone number any passkey of this site may answer (discoverable credentials). The challenge answers once, within 2 minutes. Rate limited: 30 per 15 min per IP.",
  request: { body: jsonBody(LoginOptionsBody) },
  responses: { 200: jsonContent(ChallengeSchema, "The challenge and its options") },
  errors: ["RATE_LIMITED", "SERVICE_UNAVAILABLE"],
});

export const passkeyLogin = defineRoute({
  method: "post",
  path: "/api/auth/passkey/login",
  tags,
  summary: "Log in with a passkey",
  description:
    "The browser's answer to a login challenge. Opens a new session (device), like a password login. Rate limited: 30 per 15 min per IP.",
  request: { body: jsonBody(PasskeyLoginBody) },
  responses: { 200: jsonContent(LoginResponseSchema, "Access, refresh and device tokens") },
  errors: [
    [
      "INVALID_CREDENTIALS",
      "an unknown, expired or used challenge, an unknown passkey, or an answer that does not verify",
    ],
    "RATE_LIMITED",
    "SERVICE_UNAVAILABLE",
  ],
});
