import type { ProblemCode } from "../codes";

/** The English `detail` of every problem code; `{name}` is filled from the error's params. */
export const en: Record<ProblemCode, string> = {
  // Generic request problems
  VALIDATION_ERROR: "The request data is invalid",
  MALFORMED_REQUEST: "The request body could not be parsed",
  UNSUPPORTED_MEDIA_TYPE: "The request content type is not supported",
  PAYLOAD_TOO_LARGE: "The request body is too large",
  NOT_FOUND: "No such resource",
  METHOD_NOT_ALLOWED: "This method is not allowed on this resource",
  RATE_LIMITED: "Too many requests. Please try again in a moment",
  CONFIG_INVALID: "The service is misconfigured: {variables}",
  SERVICE_UNAVAILABLE: "The service is temporarily unavailable. Please try again shortly",
  INTERNAL_ERROR: "An unexpected error occurred",

  // Auth
  PHONE_TAKEN: "This phone number is already registered",
  INVALID_CREDENTIALS: "Wrong phone number or password",
  INVALID_TOKEN: "Could not validate the token. Please log in again",
  INVALID_REFRESH_TOKEN: "The token has expired or is malformed",
  REFRESH_TOKEN_REVOKED: "The token is invalid or has been revoked",
  WRONG_PASSWORD: "Wrong password",
  PASSWORD_MISMATCH: "The passwords do not match",
  FORBIDDEN: "Only an administrator can do this",
  NOT_YOUR_PROFILE: "This profile is not yours",
  SESSION_NOT_FOUND: "This session was not found or has already ended",
  PASSKEY_REJECTED: "The passkey could not be verified. Try again",
  PASSKEY_NOT_FOUND: "This passkey was not found",
  PASSKEY_LIMIT: "You can keep at most 10 passkeys. Delete one first",
  STEP_UP_REQUIRED: "Confirm this payment with your passkey or password",

  // Cards
  CARD_LIMIT: "The basic plan allows one card. Buy Premium to open more",
  CARD_LIMIT_PREMIUM: "You can open at most {max} cards",
  CARD_BLOCKED_BY_BANK:
    "The bank blocked this card. Only the bank can reopen it: please contact support",
  ACTIVE_CARD_LIMIT: "Your plan allows {max} active card(s) at a time. Freeze another card first",
  CARD_NOT_FOUND: "Card not found",
  CARD_ALREADY_FROZEN: "The card is already frozen",
  CARD_ALREADY_ACTIVE: "The card is already active",
  CARD_CLOSED: "The card is closed",
  CARD_ALREADY_CLOSED: "The card is already closed",
  PLATFORM_CARD_LOCKED:
    "The platform card is the system's own: its status cannot be changed and no cash-in goes to it",
  CARD_EXPIRED: "The card has expired",
  INVALID_TRANSITION: "Only a frozen card can be activated",
  CARD_HAS_BALANCE: "A card with a non-zero balance cannot be closed",
  INVALID_CARD_NUMBER: "The card number is invalid",

  // Transfers
  SENDER_CARD_NOT_FOUND: "The sender card was not found or is not yours",
  RECEIVER_CARD_NOT_FOUND: "The receiver card was not found",
  RECEIVER_PHONE_NOT_FOUND: "No receiver was found for this phone number",
  SAME_CARD: "You cannot send money to the same card",
  CARD_NOT_ACTIVE: "Your card is not active",
  AMOUNT_TOO_SMALL: "The least you can send in one transfer is {min} so'm",
  LIMIT_EXCEEDED: "The most you can send in one transfer is {max} so'm",
  INSUFFICIENT_FUNDS: "Not enough money on the card",
  TRANSACTION_NOT_FOUND: "The transaction was not found or you have no access",
  PLATFORM_CARD_MISSING: "The platform card is missing",

  // Idempotency
  IDEMPOTENCY_KEY_MISSING: "The Idempotency-Key header is missing",
  IDEMPOTENCY_IN_PROGRESS: "A request with this Idempotency-Key is still in progress",
  IDEMPOTENCY_KEY_REUSED: "This Idempotency-Key was used for a different request",

  // Saved cards, avatars, users, subscriptions
  SAVED_CARD_EXISTS: "This card or phone number is already saved",
  SAVED_CARD_PLATFORM: "The Cho'ntak system card cannot be saved",
  SAVED_CARD_NOT_FOUND: "Saved card not found",
  BAD_IMAGE: "The image must be PNG, JPEG or WebP",
  IMAGE_TOO_LARGE: "The image must not be larger than 5 MB",
  AVATAR_NOT_FOUND: "You have no profile photo",
  USER_NOT_FOUND: "User not found",
  ALREADY_PREMIUM: "The profile is already on Premium",
  ALREADY_USER: "The profile is already on the basic plan",
  ROLE_CHANGE_FORBIDDEN: "An administrator's role cannot be changed",
  ALREADY_SUBSCRIBED: "You already have Premium",
  ADMIN_CANNOT_SUBSCRIBE: "An administrator cannot buy Premium",
  SUBSCRIPTION_NOT_FOUND: "No active subscription",
  PAYMENT_REQUEST_NOT_FOUND: "Payment request not found",
  PAYMENT_REQUEST_PAID: "This payment request has already been paid",
  PAYMENT_REQUEST_CANCELLED: "This payment request was cancelled",
  PAYMENT_REQUEST_EXPIRED: "This payment request has expired",
  PAYMENT_REQUEST_AMOUNT_MISMATCH: "The amount must equal the requested amount",
  PAYMENT_REQUEST_AMOUNT_REQUIRED: "Enter an amount: this request does not set one",
};
