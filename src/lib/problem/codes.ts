/**
 * The closed list of problem codes: each has one HTTP status and one title.
 * Its `detail` text in every language lives in ./messages.
 */
export type Language = "uz" | "ru" | "en";
export const LANGUAGES: readonly Language[] = ["uz", "ru", "en"];

export const PROBLEM_CODES = {
  // Generic request problems
  VALIDATION_ERROR: { status: 422, title: "Validation failed" },
  MALFORMED_REQUEST: { status: 400, title: "Malformed request" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: "Unsupported media type" },
  PAYLOAD_TOO_LARGE: { status: 413, title: "Payload too large" },
  NOT_FOUND: { status: 404, title: "Not found" },
  METHOD_NOT_ALLOWED: { status: 405, title: "Method not allowed" },
  RATE_LIMITED: { status: 429, title: "Too many requests" },
  CONFIG_INVALID: { status: 503, title: "Service misconfigured" },
  SERVICE_UNAVAILABLE: { status: 503, title: "Service unavailable" },
  INTERNAL_ERROR: { status: 500, title: "Internal error" },

  // Auth
  PHONE_TAKEN: { status: 409, title: "Phone number taken" },
  INVALID_CREDENTIALS: { status: 401, title: "Invalid credentials" },
  INVALID_TOKEN: { status: 401, title: "Invalid token" },
  INVALID_REFRESH_TOKEN: { status: 401, title: "Invalid refresh token" },
  REFRESH_TOKEN_REVOKED: { status: 401, title: "Refresh token revoked" },
  WRONG_PASSWORD: { status: 401, title: "Wrong password" },
  PASSWORD_MISMATCH: { status: 400, title: "Password confirmation mismatch" },
  FORBIDDEN: { status: 403, title: "Forbidden" },
  NOT_YOUR_PROFILE: { status: 403, title: "Forbidden" },
  SESSION_NOT_FOUND: { status: 404, title: "Session not found" },
  PASSKEY_REJECTED: { status: 400, title: "Passkey not verified" },
  PASSKEY_NOT_FOUND: { status: 404, title: "Passkey not found" },
  PASSKEY_LIMIT: { status: 409, title: "Too many passkeys" },
  STEP_UP_REQUIRED: { status: 403, title: "Confirmation required" },

  // Cards
  CARD_LIMIT: { status: 409, title: "Card limit reached" },
  CARD_LIMIT_PREMIUM: { status: 409, title: "Card limit reached" },
  CARD_BLOCKED_BY_BANK: { status: 409, title: "Card blocked by the bank" },
  ACTIVE_CARD_LIMIT: { status: 409, title: "Active card limit" },
  CARD_NOT_FOUND: { status: 404, title: "Card not found" },
  CARD_ALREADY_FROZEN: { status: 400, title: "Card already frozen" },
  CARD_ALREADY_ACTIVE: { status: 400, title: "Card already active" },
  CARD_CLOSED: { status: 400, title: "Card closed" },
  CARD_ALREADY_CLOSED: { status: 400, title: "Card already closed" },
  PLATFORM_CARD_LOCKED: { status: 400, title: "Platform card" },
  CARD_EXPIRED: { status: 400, title: "Card expired" },
  INVALID_TRANSITION: { status: 400, title: "Invalid status transition" },
  CARD_HAS_BALANCE: { status: 409, title: "Card has a balance" },
  INVALID_CARD_NUMBER: { status: 422, title: "Invalid card number" },

  // Transfers
  SENDER_CARD_NOT_FOUND: { status: 404, title: "Sender card not found" },
  RECEIVER_CARD_NOT_FOUND: { status: 404, title: "Receiver card not found" },
  RECEIVER_PHONE_NOT_FOUND: { status: 404, title: "Receiver phone not found" },
  SAME_CARD: { status: 400, title: "Same card" },
  CARD_NOT_ACTIVE: { status: 400, title: "Card not active" },
  AMOUNT_TOO_SMALL: { status: 400, title: "Amount too small" },
  LIMIT_EXCEEDED: { status: 400, title: "Limit exceeded" },
  INSUFFICIENT_FUNDS: { status: 400, title: "Insufficient funds" },
  TRANSACTION_NOT_FOUND: { status: 404, title: "Transaction not found" },
  NO_RECEIPT: { status: 409, title: "No receipt" },
  PLATFORM_CARD_MISSING: { status: 503, title: "Platform card missing" },

  // Idempotency
  IDEMPOTENCY_KEY_MISSING: { status: 400, title: "Idempotency-Key missing" },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, title: "Request in progress" },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: "Idempotency-Key reused" },

  // Saved cards, avatars, users, subscriptions
  SAVED_CARD_EXISTS: { status: 409, title: "Already saved" },
  SAVED_CARD_PLATFORM: { status: 400, title: "The platform card cannot be saved" },
  SAVED_CARD_NOT_FOUND: { status: 404, title: "Saved card not found" },
  BAD_IMAGE: { status: 400, title: "Unsupported image" },
  IMAGE_TOO_LARGE: { status: 413, title: "Image too large" },
  AVATAR_NOT_FOUND: { status: 404, title: "Avatar not found" },
  USER_NOT_FOUND: { status: 404, title: "User not found" },
  ALREADY_PREMIUM: { status: 400, title: "Already premium" },
  ALREADY_USER: { status: 400, title: "Already on the free plan" },
  ROLE_CHANGE_FORBIDDEN: { status: 403, title: "Role change forbidden" },
  ALREADY_SUBSCRIBED: { status: 409, title: "Already subscribed" },
  ADMIN_CANNOT_SUBSCRIBE: { status: 409, title: "Admins cannot subscribe" },
  SUBSCRIPTION_NOT_FOUND: { status: 404, title: "Subscription not found" },

  // Payment requests
  PAYMENT_REQUEST_NOT_FOUND: { status: 404, title: "Payment request not found" },
  PAYMENT_REQUEST_PAID: { status: 409, title: "Payment request already paid" },
  PAYMENT_REQUEST_CANCELLED: { status: 409, title: "Payment request cancelled" },
  PAYMENT_REQUEST_EXPIRED: { status: 409, title: "Payment request expired" },
  PAYMENT_REQUEST_AMOUNT_MISMATCH: { status: 422, title: "Amount differs from the request" },
  PAYMENT_REQUEST_AMOUNT_REQUIRED: { status: 422, title: "Amount required" },

  // Cash-ins awaiting a second admin
  CASH_IN_NOT_FOUND: { status: 404, title: "Cash-in not found" },
  CASH_IN_ALREADY_APPROVED: { status: 409, title: "Cash-in already approved" },
  CASH_IN_ALREADY_REJECTED: { status: 409, title: "Cash-in already rejected" },
  CASH_IN_EXPIRED: { status: 409, title: "Cash-in expired" },
  CASH_IN_OWN_APPROVAL: { status: 403, title: "Own cash-in" },
  CASH_IN_CREATOR_NOT_ADMIN: { status: 409, title: "Creator no longer an admin" },
  // Statements
  STATEMENT_DATE_INVALID: { status: 422, title: "Invalid statement date" },
  STATEMENT_PERIOD_REVERSED: { status: 422, title: "Statement period reversed" },
  STATEMENT_PERIOD_TOO_LONG: { status: 422, title: "Statement period too long" },
  STATEMENT_PERIOD_IN_FUTURE: { status: 422, title: "Statement period in the future" },
  STATEMENT_TOO_LARGE_FOR_PDF: { status: 422, title: "Statement too large for PDF" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** The HTTP statuses problems are answered with. */
export type ProblemStatus = (typeof PROBLEM_CODES)[ProblemCode]["status"];
