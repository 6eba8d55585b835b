import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import { callJson } from "../../../test/worker/http";
import {
  bearer,
  me,
  newUser,
  register,
  type TestUser,
  uniqueIp,
  uniquePhone,
} from "../../../test/worker/users";
import type { Problem } from "../../lib/problem";
import { RATE_LIMITS, rateLimitAddress } from "../../lib/rate-limit";

type LoginAnswer = { access_token: string; device_token: string };

function logIn(body: { phone: string; password: string; deviceToken?: string }, ip = uniqueIp()) {
  return callJson(
    "/api/auth/login",
    "POST",
    { phone_number: body.phone, password: body.password, device_token: body.deviceToken },
    { "CF-Connecting-IP": ip },
  );
}

/** A user and the device token of one successful login (the owner's phone). */
async function ownerWithDevice(): Promise<TestUser & { deviceToken: string }> {
  const user = await newUser();
  const response = await logIn(user, user.ip);
  expect(response.status).toBe(200);
  return { ...user, deviceToken: ((await response.json()) as LoginAnswer).device_token };
}

/** Wrong passwords for `phone`, `perAddress` from each of `addresses` fresh addresses. */
async function guess(phone: string, addresses: number, perAddress: number) {
  for (let a = 0; a < addresses; a++) {
    const ip = uniqueIp();
    for (let g = 0; g < perAddress; g++) {
      const response = await logIn({ phone, password: `guess-${a}-${g}-wrong` }, ip);
      expect(response.status, `address ${a}, guess ${g}`).toBe(401);
    }
  }
}

const hex = () => Math.floor(Math.random() * 0xffff).toString(16);
/** A random /64 in the documentation range, as `2001:db8:x:y`. */
const uniquePrefix64 = () => `2001:db8:${hex()}:${hex()}`;

const perPhone = RATE_LIMITS.loginPhone.requests;
const perPhoneAddress = RATE_LIMITS.loginPhoneAddress.requests;

describe("login: guessing cannot lock the owner out", () => {
  it("returns a device token that keeps its device id across logins", async () => {
    const owner = await ownerWithDevice();
    const claims = decodeJwt(owner.deviceToken);
    expect(claims).toMatchObject({ typ: "device", sub: owner.id });
    const again = await logIn(owner);
    const renewed = decodeJwt(((await again.json()) as LoginAnswer).device_token);
    expect(renewed.jti).toBe(claims.jti);
  });

  it("lets the owner with a device token in after attackers from 10 addresses spent the phone's budget", async () => {
    const owner = await ownerWithDevice();
    await guess(owner.phone, 10, perPhone / 10);

    // The phone's budget is gone: a fresh address, even with the right password, waits.
    const stranger = await logIn({ phone: owner.phone, password: owner.password });
    expect(stranger.status).toBe(429);
    expect((await stranger.json()) as Problem).toMatchObject({ code: "RATE_LIMITED" });

    const device = await logIn({ ...owner, deviceToken: owner.deviceToken });
    expect(device.status).toBe(200);
    const { access_token } = (await device.json()) as LoginAnswer;
    expect((await me(access_token)).status).toBe(200);
    // The device still has to know the password: same 401 as anyone.
    const wrong = await logIn({
      ...owner,
      password: "not-the-password",
      deviceToken: owner.deviceToken,
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as Problem).code).toBe("INVALID_CREDENTIALS");
  });

  it("caps an address without a device token at the phone's budget, spread over addresses", async () => {
    const owner = await newUser();
    await guess(owner.phone, perPhone / perPhoneAddress, perPhoneAddress);
    const late = await logIn(owner);
    expect(late.status).toBe(429);
    const retryAfter = Number(late.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(RATE_LIMITS.loginPhone.windowSeconds);
  });

  it("gives one address guessing at one phone 429 after a few guesses, and nobody else", async () => {
    const owner = await newUser();
    const ip = uniqueIp();
    await guessFrom(ip, owner.phone, perPhoneAddress);
    const blocked = await logIn(owner, ip);
    expect(blocked.status).toBe(429);
    // Another phone from the same address, and the same phone from elsewhere, still answer.
    expect((await logIn({ phone: uniquePhone(), password: "wrong-password" }, ip)).status).toBe(
      401,
    );
    expect((await logIn(owner)).status).toBe(200);
  });

  it("limits a device token to its own budget", async () => {
    const owner = await ownerWithDevice();
    for (let attempt = 1; attempt <= RATE_LIMITS.loginDevice.requests; attempt++) {
      const response = await logIn({
        phone: owner.phone,
        password: `guess-${attempt}-wrong`,
        deviceToken: owner.deviceToken,
      });
      expect(response.status, `attempt ${attempt}`).toBe(401);
    }
    expect((await logIn({ ...owner, deviceToken: owner.deviceToken })).status).toBe(429);
    // The phone's own budget was not touched: the owner logs in without the token.
    expect((await logIn({ phone: owner.phone, password: owner.password })).status).toBe(200);
  });

  it("lifts no limit for a forged token, an access token or another account's device token", async () => {
    const victim = await newUser();
    const attacker = await ownerWithDevice();
    const forged = `${attacker.deviceToken.slice(0, -4)}AAAA`;
    for (const deviceToken of [forged, attacker.accessToken, attacker.deviceToken, "junk"]) {
      const ip = uniqueIp();
      await guessFrom(ip, victim.phone, perPhoneAddress, deviceToken);
      expect((await logIn({ ...victim, deviceToken }, ip)).status).toBe(429);
    }
  });

  it("does not count successful logins against the owner", async () => {
    const owner = await newUser();
    const limit = Math.max(RATE_LIMITS.login.requests, perPhone) + 2;
    for (let attempt = 1; attempt <= limit; attempt++) {
      expect((await logIn(owner, owner.ip)).status, `login ${attempt}`).toBe(200);
    }
    // The failures still count as before.
    await guessFrom(owner.ip, owner.phone, perPhoneAddress);
    expect((await logIn(owner, owner.ip)).status).toBe(429);
  });
});

async function guessFrom(ip: string, phone: string, count: number, deviceToken?: string) {
  for (let attempt = 1; attempt <= count; attempt++) {
    const response = await logIn({ phone, password: `guess-${attempt}-wrong`, deviceToken }, ip);
    expect(response.status, `guess ${attempt}`).toBe(401);
  }
}

describe("PATCH /api/auth/me: phone numbers cannot be enumerated", () => {
  const changePhone = (user: TestUser, phone: string, ip = uniqueIp()) =>
    callJson(
      "/api/auth/me",
      "PATCH",
      { phone_number: phone },
      { ...bearer(user.accessToken), "CF-Connecting-IP": ip },
    );

  it("answers a taken number exactly like registration does", async () => {
    const taken = await newUser();
    const prober = await newUser();
    const viaPatch = await changePhone(prober, taken.phone);
    const viaRegister = await register({ phone_number: taken.phone });
    expect([viaPatch.status, viaRegister.status]).toEqual([409, 409]);
    const strip = ({ code, detail }: Problem) => ({ code, detail });
    expect(strip((await viaPatch.json()) as Problem)).toEqual(
      strip((await viaRegister.json()) as Problem),
    );
  });

  it("allows a few phone changes per hour per user; other edits do not count", async () => {
    const prober = await newUser();
    const own = prober.phone;
    for (let i = 0; i < 3; i++) {
      const rename = await callJson(
        "/api/auth/me",
        "PATCH",
        { full_name: `Renamed ${"x".repeat(i + 1)}` },
        bearer(prober.accessToken),
      );
      expect(rename.status).toBe(200);
      expect((await changePhone(prober, own)).status).toBe(200); // no change: not counted
    }
    const taken = await newUser();
    for (let i = 1; i <= RATE_LIMITS.phoneChange.requests; i++) {
      const target = i % 2 ? taken.phone : uniquePhone();
      const response = await changePhone(prober, target);
      expect(response.status, `probe ${i}`).toBe(i % 2 ? 409 : 200);
    }
    const limited = await changePhone(prober, taken.phone);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another user is not affected.
    expect((await changePhone(await newUser(), uniquePhone())).status).toBe(200);
  });

  it("spends the address's registration budget, the other path that reveals a taken number", async () => {
    const ip = uniqueIp();
    const users = [await newUser(), await newUser(), await newUser()];
    for (const user of users) expect((await changePhone(user, uniquePhone(), ip)).status).toBe(200);
    for (let i = users.length; i < RATE_LIMITS.register.requests; i++) {
      expect((await register({}, ip)).status).toBe(201);
    }
    expect((await register({}, ip)).status).toBe(429);
    expect((await changePhone(await newUser(), uniquePhone(), ip)).status).toBe(429);
  });
});

describe("rate limits key IPv6 clients by their /64", () => {
  it.each([
    ["10.1.2.3", "10.1.2.3"],
    [" 10.1.2.3 ", "10.1.2.3"],
    ["::ffff:10.1.2.3", "10.1.2.3"],
    ["::FFFF:A01:203", "10.1.2.3"],
    ["2001:DB8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:0db8:0001:0002:ffff::", "2001:db8:1:2::/64"],
    ["2001:db8::1", "2001:db8:0:0::/64"],
    ["2001:db8:0:0:1::1", "2001:db8:0:0::/64"],
    ["[2001:db8:1:2::1]", "2001:db8:1:2::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["2001:db8:1:2::3.4.5.6", "2001:db8:1:2::/64"],
    ["not-an-address", "not-an-address"],
    ["1:2:3", "1:2:3"],
    ["1::2::3", "1::2::3"],
    ["unknown", "unknown"],
  ])("%j → %j", (address, key) => {
    expect(rateLimitAddress(address)).toBe(key);
  });

  it("shares the registration budget within a /64, not across /64s", async () => {
    const prefix = uniquePrefix64();
    for (let i = 1; i <= RATE_LIMITS.register.requests; i++) {
      expect((await register({}, `${prefix}::${i.toString(16)}`)).status).toBe(201);
    }
    expect((await register({}, `${prefix}:ffff:1234:abcd:9`)).status).toBe(429);
    expect((await register({}, `${uniquePrefix64()}::1`)).status).toBe(201);
  });

  it("shares the login budget within a /64, not across /64s", async () => {
    const prefix = uniquePrefix64();
    for (let i = 1; i <= RATE_LIMITS.login.requests; i++) {
      const response = await logIn(
        { phone: uniquePhone(), password: "wrong-password" },
        `${prefix}:${i.toString(16)}::1`,
      );
      expect(response.status, `attempt ${i}`).toBe(401);
    }
    const sameBlock = await logIn(
      { phone: uniquePhone(), password: "wrong-password" },
      `${prefix.toUpperCase()}:0:0:0:abc`,
    );
    expect(sameBlock.status).toBe(429);
    const otherBlock = await logIn(
      { phone: uniquePhone(), password: "wrong-password" },
      `${uniquePrefix64()}::1`,
    );
    expect(otherBlock.status).toBe(401);
  });

  it("keeps IPv4 per address, and an IPv4-mapped IPv6 address is that IPv4 address", async () => {
    const ip = uniqueIp();
    for (let i = 1; i <= RATE_LIMITS.register.requests; i++) {
      expect((await register({}, i % 2 ? ip : `::ffff:${ip}`)).status).toBe(201);
    }
    expect((await register({}, `::ffff:${ip}`)).status).toBe(429);
    const neighbour = ip.replace(/\d+$/, (last) => String((Number(last) % 254) + 1));
    expect((await register({}, neighbour)).status).toBe(201);
  });
});
