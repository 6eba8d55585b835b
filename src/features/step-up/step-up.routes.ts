import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../lib/openapi";
import { validationMessage } from "../../lib/problem";
import { CardNumberInput, MoneyInput, optionalField, PhoneNumberInput } from "../../lib/schemas";
import { requireSession } from "../../middleware/auth";
import { AuthenticationResponse, WebAuthnOptions } from "../passkeys/passkeys.schemas";

const tags = ["Auth"];
const security = [{ OAuth2PasswordBearer: [] }];
const jsonBody = <T>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const StepUpOptionsBody = z
  .object({
    amount: MoneyInput.openapi({ description: "so'm: the amount the payment transfers" }),
    to_card_number: optionalField(CardNumberInput()),
    to_phone_number: optionalField(PhoneNumberInput()),
    payment_request_id: optionalField(z.guid()),
  })
  .strict()
  .superRefine((body, ctx) => {
    const given = [body.to_card_number, body.to_phone_number, body.payment_request_id].filter(
      (value) => value !== undefined,
    );
    if (given.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["to_card_number"],
        message: validationMessage("receiver_one_of"),
      });
    }
  })
  .openapi("StepUpOptionsRequest", {
    example: { amount: "1500000.00", to_card_number: "7777 0123 4567 8950" },
  });

const StepUpChallenge = z
  .object({
    challenge_id: z.guid(),
    method: z.enum(["passkey", "password"]).openapi({
      description: "passkey: answer `options` with one of your passkeys; password: you have none",
    }),
    options: WebAuthnOptions.nullable(),
    expires_in: z.number().int(),
  })
  .openapi("StepUpChallenge");

export const StepUpBody = z
  .object({
    challenge_id: z.guid(),
    response: optionalField(AuthenticationResponse),
    password: optionalField(z.string().min(1).max(1024)),
  })
  .strict()
  .openapi("StepUpRequest");

const StepUpTokenSchema = z
  .object({
    step_up_token: z
      .string()
      .openapi({ description: "Send it as the payment's `Step-Up-Token` header" }),
    expires_in: z.number().int().openapi({ description: "seconds" }),
  })
  .openapi("StepUpToken");

export const stepUpOptions = defineRoute({
  method: "post",
  path: "/api/auth/step-up/options",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Start confirming a large payment",
  description:
    "A payment above your step-up threshold (`step_up_threshold` on `/api/auth/me`) needs a fresh confirmation bound to it: the amount it transfers and its receiver (a card number, a phone number or a payment request). With a passkey you answer WebAuthn options; without one, your password. The challenge is bound to this session and answers once, within 2 minutes.",
  request: { body: jsonBody(StepUpOptionsBody) },
  responses: { 200: jsonContent(StepUpChallenge, "What to confirm with") },
  errors: ["SERVICE_UNAVAILABLE"],
});

export const stepUp = defineRoute({
  method: "post",
  path: "/api/auth/step-up",
  tags,
  security,
  middleware: [requireSession] as const,
  summary: "Confirm a large payment",
  description:
    "The passkey's answer (`response`) or, for a person with no passkey, the `password`. Gives a one-time token (5 minutes) for that payment alone. A password try is rate limited: 10 per 15 min per user.",
  request: { body: jsonBody(StepUpBody) },
  responses: { 200: jsonContent(StepUpTokenSchema, "The step-up token") },
  errors: [
    [
      "PASSKEY_REJECTED",
      "no live challenge of this session, a passkey that is not yours, or an answer that does not verify",
    ],
    "WRONG_PASSWORD",
    "RATE_LIMITED",
    "SERVICE_UNAVAILABLE",
  ],
});
