import { call, callJson } from "./http";

let counter = 0;

/** A phone number no other test (or earlier run) uses: +998 and 9 digits. */
export function uniquePhone(): string {
  counter += 1;
  const random = Math.floor(Math.random() * 1_000_000);
  return `+998${String((Date.now() % 1000) * 1_000_000 + random * 7 + counter)
    .padStart(9, "0")
    .slice(-9)}`;
}

/** A random IP so rate-limit buckets of different tests never meet. */
export function uniqueIp(): string {
  const part = () => Math.floor(Math.random() * 254) + 1;
  return `10.${part()}.${part()}.${part()}`;
}

export interface TestUser {
  id: string;
  phone: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  ip: string;
}

export async function register(
  overrides: { full_name?: string; phone_number?: string; password?: string } = {},
  ip = uniqueIp(),
) {
  return callJson(
    "/api/auth/register",
    "POST",
    {
      full_name: "Alisher Valiyev",
      phone_number: uniquePhone(),
      password: "secret-password",
      ...overrides,
    },
    { "CF-Connecting-IP": ip },
  );
}

export async function login(phone: string, password: string, ip = uniqueIp()) {
  return callJson(
    "/api/auth/login",
    "POST",
    { phone_number: phone, password },
    { "CF-Connecting-IP": ip },
  );
}

/** Registers a fresh user and logs in. */
export async function newUser(fullName = "Alisher Valiyev"): Promise<TestUser> {
  const phone = uniquePhone();
  const password = "secret-password";
  const ip = uniqueIp();
  const registered = await register({ full_name: fullName, phone_number: phone, password }, ip);
  if (registered.status !== 201)
    throw new Error(`register failed: ${registered.status} ${await registered.text()}`);
  const { id } = (await registered.json()) as { id: string };
  const loggedIn = await login(phone, password, ip);
  if (loggedIn.status !== 200)
    throw new Error(`login failed: ${loggedIn.status} ${await loggedIn.text()}`);
  const tokens = (await loggedIn.json()) as { access_token: string; refresh_token: string };
  return {
    id,
    phone,
    password,
    ip,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export function me(token: string) {
  return call("/api/auth/me", { headers: bearer(token) });
}
