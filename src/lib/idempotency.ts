import type { Context } from "hono";
import { ApiError, validationMessage } from "./problem";

/** Idempotency-Key (1–255 characters) is required on every money-moving POST. */
export function idempotencyKeyOf(c: Context): string {
  const key = c.req.header("idempotency-key");
  if (key === undefined || key.length === 0) throw new ApiError("IDEMPOTENCY_KEY_MISSING");
  if (key.length > 255) {
    throw new ApiError("VALIDATION_ERROR", {
      errors: [{ path: "Idempotency-Key", message: validationMessage("idempotency_key_length") }],
    });
  }
  return key;
}
