import { type Authenticator, newAuthenticator } from "./authenticator";
import { call, callJson } from "./http";
import { bearer, type TestUser } from "./users";

/** Registers a new software passkey for the user through the API. */
export async function addPasskey(user: TestUser, name = "Test key"): Promise<Authenticator> {
  const authenticator = await newAuthenticator();
  const options = await call("/api/passkeys/registration-options", {
    method: "POST",
    headers: bearer(user.accessToken),
  });
  if (options.status !== 200) throw new Error(`options: ${options.status} ${await options.text()}`);
  const response = await authenticator.register((await options.json()) as { challenge: string });
  const created = await callJson(
    "/api/passkeys",
    "POST",
    { name, response },
    bearer(user.accessToken),
  );
  if (created.status !== 201)
    throw new Error(`add passkey: ${created.status} ${await created.text()}`);
  return authenticator;
}

export interface Challenge {
  challenge_id: string;
  options: { challenge: string; allowCredentials?: { id: string }[] };
}

export async function loginOptions(body: Record<string, unknown> = {}): Promise<Challenge> {
  const response = await callJson("/api/auth/passkey/options", "POST", body);
  if (response.status !== 200) throw new Error(`login options: ${response.status}`);
  return (await response.json()) as Challenge;
}

export function passkeyLogin(body: Record<string, unknown>, headers: HeadersInit = {}) {
  return callJson("/api/auth/passkey/login", "POST", body, headers);
}
