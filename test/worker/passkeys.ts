import { type Authenticator, newAuthenticator } from "./authenticator";
import { call, callJson } from "./http";
import { bearer, type TestUser, uniqueIp } from "./users";

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

/** Each call comes from its own address unless told, so tests never share a login budget. */
export async function loginOptions(
  body: Record<string, unknown> = {},
  ip = uniqueIp(),
): Promise<Challenge> {
  const response = await callJson("/api/auth/passkey/options", "POST", body, {
    "CF-Connecting-IP": ip,
  });
  if (response.status !== 200) throw new Error(`login options: ${response.status}`);
  return (await response.json()) as Challenge;
}

export function passkeyLogin(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return callJson("/api/auth/passkey/login", "POST", body, {
    "CF-Connecting-IP": uniqueIp(),
    ...headers,
  });
}
