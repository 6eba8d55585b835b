import { z } from "@hono/zod-openapi";
import { validationMessage } from "../../lib/problem";
import { MoneyInput, optionalField } from "../../lib/schemas";
import { imitatesPlatformName } from "./platform-name";

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

export const PhoneNumber = z
  .string()
  .regex(/^\+998\d{9}$/, validationMessage("phone_number"))
  .openapi({ example: "+998901234567" });

export const FullName = z
  .string()
  .trim()
  .min(2, validationMessage("full_name_length"))
  .max(50, validationMessage("full_name_length"))
  // Masked for others, such a name would pass for the platform card's owner.
  .refine((name) => !imitatesPlatformName(name), validationMessage("full_name_platform"))
  .openapi({
    example: "Alisher Valiyev",
    description: "2–50 characters; no spelling of the platform's name Cho'ntak",
  });

// bcrypt reads at most 72 bytes; longer passwords would be silently truncated.
export const Password = z
  .string()
  .refine(
    (value) => utf8Bytes(value) >= 8 && utf8Bytes(value) <= 72,
    validationMessage("password_length"),
  )
  .openapi({ example: "correct-horse-battery" });

export const RegisterBody = z
  .object({ full_name: FullName, phone_number: PhoneNumber, password: Password })
  .openapi("RegisterRequest");

// Login checks only presence: the rules apply at registration, and a login
// must answer the same 401 whatever is wrong.
const LoginPhone = z.string().min(1).max(64);
const LoginPassword = z.string().min(1).max(1024);
// An invalid or expired device token is ignored, never refused: the login proceeds without it.
const DeviceToken = optionalField(z.string().max(4096)).openapi({
  description:
    "The `device_token` of an earlier login on this client. With it, this client's attempts are counted on its own, so others guessing at the phone cannot lock it out.",
});

export const LoginJsonBody = z
  .object({ phone_number: LoginPhone, password: LoginPassword, device_token: DeviceToken })
  .openapi("LoginRequest", {
    example: { phone_number: "+998901234567", password: "correct-horse-battery" },
  });

/** OAuth2 password grant form, as Swagger UI's Authorize button and the earlier client send. */
export const LoginFormBody = z
  .object({
    username: LoginPhone,
    password: LoginPassword,
    device_token: DeviceToken,
    grant_type: z.string().optional(),
    scope: z.string().optional(),
  })
  .openapi("LoginForm");

export const RefreshBody = z
  .object({ refresh_token: z.string().min(1).max(4096) })
  .openapi("RefreshRequest");

export const UpdateProfileBody = z
  .object({
    full_name: optionalField(FullName),
    phone_number: optionalField(PhoneNumber),
    discoverable_by_phone: optionalField(z.boolean()).openapi({
      description: "false: nobody finds you by your phone number (lookups and payments by phone)",
    }),
    step_up_threshold: optionalField(MoneyInput).openapi({
      description:
        "so'm: a transfer or payment above this needs a fresh confirmation (passkey or password); at most your role's maximum",
    }),
  })
  .strict()
  .refine(
    (body) =>
      body.full_name !== undefined ||
      body.phone_number !== undefined ||
      body.discoverable_by_phone !== undefined ||
      body.step_up_threshold !== undefined,
    { message: validationMessage("profile_change_missing") },
  )
  .openapi("UpdateProfileRequest", { example: { full_name: "Alisher Valiyev" } });

export const ChangePasswordBody = z
  .object({
    old_password: z.string().min(1).max(1024),
    new_password: Password,
    confirm_password: z.string().max(1024),
  })
  .openapi("ChangePasswordRequest");

export const TokenPairSchema = z
  .object({
    access_token: z.string(),
    refresh_token: z.string(),
    token_type: z.literal("bearer"),
    expires_in: z.number().int().openapi({ description: "access token lifetime in seconds" }),
  })
  .openapi("TokenPair");

export const LoginResponseSchema = TokenPairSchema.extend({
  device_token: z.string().openapi({
    description:
      "Keep it and send it with the next login from this client (valid 180 days, renewed by each login)",
  }),
}).openapi("LoginResponse");

export const UserSchema = z
  .object({
    id: z.guid(),
    full_name: z.string(),
    phone_number: z.string(),
    role: z.enum(["user", "premium", "admin"]),
    discoverable_by_phone: z.boolean().openapi({
      description: "whether others can find this person by phone number to pay them",
    }),
    avatar: z.object({ id: z.guid(), photo_url: z.string() }).nullable(),
    created_at: z.string().openapi({ format: "date-time" }),
    step_up_threshold: z.string().openapi({
      description:
        "so'm: a transfer or payment above this needs a step-up confirmation (default 1000000.00, never above the role's maximum)",
      example: "1000000.00",
    }),
  })
  .openapi("User", {
    example: {
      id: "4f6c1c1e-2d0b-4a4e-9a51-0f3f5d7c2b11",
      full_name: "Alisher Valiyev",
      phone_number: "+998901234567",
      role: "user",
      discoverable_by_phone: true,
      avatar: null,
      created_at: "2026-11-24T09:30:00.000Z",
      step_up_threshold: "1000000.00",
    },
  });

export const DetailSchema = z.object({ detail: z.string() }).openapi("Detail");
