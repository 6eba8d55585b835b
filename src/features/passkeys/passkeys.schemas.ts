import { z } from "@hono/zod-openapi";
import { optionalField } from "../../lib/schemas";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "./webauthn";

/** A credential id as WebAuthn encodes it (base64url). */
export const CredentialId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,1400}$/)
  .openapi({ example: "pQb1cXo0a7mJm0r6d0m3Vw" });

export const PasskeyName = z.string().trim().min(1).max(50).openapi({ example: "My phone" });

// The browser's answer is checked by the WebAuthn verification; here only its shape.
const credentialEnvelope = {
  id: CredentialId,
  rawId: CredentialId,
  type: z.literal("public-key"),
  clientExtensionResults: z.looseObject({}).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
};

export const RegistrationResponse = z
  .looseObject({
    ...credentialEnvelope,
    response: z.looseObject({
      clientDataJSON: z.string().max(8192),
      attestationObject: z.string().max(65536),
      transports: z.array(z.string().max(32)).max(10).optional(),
    }),
  })
  .transform((value) => value as unknown as RegistrationResponseJSON)
  .openapi("PasskeyRegistrationResponse", {
    description: "What `navigator.credentials.create()` gave, as JSON (`@simplewebauthn/browser`)",
  });

export const AuthenticationResponse = z
  .looseObject({
    ...credentialEnvelope,
    response: z.looseObject({
      clientDataJSON: z.string().max(8192),
      authenticatorData: z.string().max(8192),
      signature: z.string().max(1024),
      userHandle: z.string().max(1024).optional(),
    }),
  })
  .transform((value) => value as unknown as AuthenticationResponseJSON)
  .openapi("PasskeyAssertion", {
    description: "What `navigator.credentials.get()` gave, as JSON (`@simplewebauthn/browser`)",
  });

export const PasskeySchema = z
  .object({
    id: CredentialId,
    name: z.string(),
    device_type: z.string().openapi({ description: "`singleDevice` or `multiDevice` (synced)" }),
    backed_up: z.boolean(),
    created_at: z.string().openapi({ format: "date-time" }),
    last_used_at: z.string().nullable().openapi({ format: "date-time" }),
  })
  .openapi("Passkey");

export const CreatePasskeyBody = z
  .object({ name: PasskeyName, response: RegistrationResponse })
  .strict()
  .openapi("CreatePasskeyRequest");

export const RenamePasskeyBody = z
  .object({ name: PasskeyName })
  .strict()
  .openapi("RenamePasskeyRequest");

/** The options the browser passes to WebAuthn, as `@simplewebauthn/browser` takes them. */
export const WebAuthnOptions = z.looseObject({ challenge: z.string() }).openapi("WebAuthnOptions");

export const LoginOptionsBody = z
  .object({
    phone_number: optionalField(z.string().max(64)).openapi({
      description: "Optional: only that account's passkeys are offered",
    }),
  })
  .strict()
  .openapi("PasskeyLoginOptionsRequest");

export const ChallengeSchema = z
  .object({
    challenge_id: z.guid(),
    options: WebAuthnOptions,
    expires_in: z.number().int().openapi({ description: "seconds the challenge can be answered" }),
  })
  .openapi("PasskeyChallenge");

export const PasskeyLoginBody = z
  .object({
    challenge_id: z.guid(),
    response: AuthenticationResponse,
    device_token: optionalField(z.string().max(4096)),
  })
  .strict()
  .openapi("PasskeyLoginRequest");
