import { callJson } from "./http";
import { bearer, type TestUser } from "./users";

export function sendMoney(
  user: TestUser,
  body: Record<string, unknown>,
  key: string | null = crypto.randomUUID(),
  extraHeaders: Record<string, string> = {},
) {
  const headers: Record<string, string> = { ...bearer(user.accessToken), ...extraHeaders };
  if (key !== null) headers["Idempotency-Key"] = key;
  return callJson("/api/transactions", "POST", body, headers);
}
