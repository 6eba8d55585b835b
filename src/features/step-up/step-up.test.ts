import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openActiveCard, type TestCard } from "../../../test/worker/cards";
import { balanceOf, fund, query } from "../../../test/worker/db";
import { callJson } from "../../../test/worker/http";
import { addPasskey } from "../../../test/worker/passkeys";
import { sendMoney } from "../../../test/worker/transfers";
import { bearer, login, me, newUser, type TestUser } from "../../../test/worker/users";
import type { Problem } from "../../lib/problem";

const codeOf = async (response: Response) => ((await response.json()) as Problem).code;

interface StepUpChallenge {
  challenge_id: string;
  method: "passkey" | "password";
  options: { challenge: string; allowCredentials?: { id: string }[] } | null;
}

async function stepUpOptions(user: TestUser, body: Record<string, unknown>) {
  const response = await callJson(
    "/api/auth/step-up/options",
    "POST",
    body,
    bearer(user.accessToken),
  );
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as StepUpChallenge;
}

const confirm = (user: TestUser, body: Record<string, unknown>) =>
  callJson("/api/auth/step-up", "POST", body, bearer(user.accessToken));

/** A password step-up for one payment: the token. */
async function passwordToken(user: TestUser, payment: Record<string, unknown>): Promise<string> {
  const challenge = await stepUpOptions(user, payment);
  expect(challenge.method).toBe("password");
  const response = await confirm(user, {
    challenge_id: challenge.challenge_id,
    password: user.password,
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { step_up_token: string }).step_up_token;
}

/** A role user with an active card holding `funds` tiyin, whose threshold is 10 000 so'm. */
async function payer(funds = 10_000_000n): Promise<{ user: TestUser; card: TestCard }> {
  const user = await newUser();
  const card = await openActiveCard(user);
  await fund(card.card_number, funds);
  const set = await callJson(
    "/api/auth/me",
    "PATCH",
    { step_up_threshold: "10000" },
    bearer(user.accessToken),
  );
  expect(set.status).toBe(200);
  return { user, card };
}

const transactionsOf = async (cardId: string) =>
  (await query(sql`select count(*)::int as n from transactions where from_card_id = ${cardId}`))[0]
    ?.n as number;

describe("step-up threshold on /api/auth/me", () => {
  it("defaults to 1 000 000 so'm, can be lowered, never above the role's maximum", async () => {
    const user = await newUser();
    expect(
      ((await (await me(user.accessToken)).json()) as { step_up_threshold: string })
        .step_up_threshold,
    ).toBe("1000000.00");
    const patch = (value: string) =>
      callJson("/api/auth/me", "PATCH", { step_up_threshold: value }, bearer(user.accessToken));
    const lowered = await patch("250000");
    expect(lowered.status).toBe(200);
    expect(((await lowered.json()) as { step_up_threshold: string }).step_up_threshold).toBe(
      "250000.00",
    );
    const above = await patch("2000000.01");
    expect(above.status).toBe(422);
    expect(await codeOf(above)).toBe("VALIDATION_ERROR");
    expect((await patch("2000000")).status).toBe(200);
  });
});

describe("step-up: large payments need a fresh confirmation", () => {
  it("refuses a transfer above the threshold without a token: 403, nothing moved or recorded", async () => {
    const { user, card } = await payer();
    const receiver = await openActiveCard(await newUser());
    const before = await balanceOf(card.card_number);
    const refused = await sendMoney(user, {
      from_card_id: card.id,
      to_card_number: receiver.card_number,
      amount: "10000.01",
    });
    expect(refused.status).toBe(403);
    expect(await codeOf(refused)).toBe("STEP_UP_REQUIRED");
    expect(await balanceOf(card.card_number)).toBe(before);
    expect(await transactionsOf(card.id)).toBe(0);
    // At the threshold itself no confirmation is asked.
    const small = await sendMoney(user, {
      from_card_id: card.id,
      to_card_number: receiver.card_number,
      amount: "10000",
    });
    expect(small.status).toBe(201);
  });

  it("passes with a password token; a replay needs none; the token is spent once", async () => {
    const { user, card } = await payer();
    const receiver = await openActiveCard(await newUser());
    const payment = { to_card_number: receiver.card_number, amount: "50000" };
    const token = await passwordToken(user, payment);
    const key = crypto.randomUUID();
    const body = { from_card_id: card.id, ...payment };
    const paid = await sendMoney(user, body, key, { "Step-Up-Token": token });
    expect(paid.status).toBe(201);
    const balance = await balanceOf(card.card_number);

    const replay = await sendMoney(user, body, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");

    const again = await sendMoney(user, body, crypto.randomUUID(), { "Step-Up-Token": token });
    expect(again.status).toBe(403);
    expect(await codeOf(again)).toBe("STEP_UP_REQUIRED");
    expect(await balanceOf(card.card_number)).toBe(balance);
  });

  it("refuses a token bound to another amount, another receiver or another session", async () => {
    const { user, card } = await payer();
    const receiver = await openActiveCard(await newUser());
    const elsewhere = await openActiveCard(await newUser());
    const token = await passwordToken(user, {
      to_card_number: receiver.card_number,
      amount: "50000",
    });
    for (const [to, amount] of [
      [receiver.card_number, "50000.01"],
      [elsewhere.card_number, "50000"],
    ] as const) {
      const refused = await sendMoney(
        user,
        { from_card_id: card.id, to_card_number: to, amount },
        crypto.randomUUID(),
        { "Step-Up-Token": token },
      );
      expect(refused.status).toBe(403);
      expect(await codeOf(refused)).toBe("STEP_UP_REQUIRED");
    }
    const second = (await (await login(user.phone, user.password, user.ip)).json()) as {
      access_token: string;
    };
    const otherSession = await sendMoney(
      { ...user, accessToken: second.access_token },
      { from_card_id: card.id, to_card_number: receiver.card_number, amount: "50000" },
      crypto.randomUUID(),
      { "Step-Up-Token": token },
    );
    expect(otherSession.status).toBe(403);
    expect(await transactionsOf(card.id)).toBe(0);
    // Bound correctly, it still works (nothing above spent it).
    const paid = await sendMoney(
      user,
      { from_card_id: card.id, to_card_number: receiver.card_number, amount: "50000" },
      crypto.randomUUID(),
      { "Step-Up-Token": token },
    );
    expect(paid.status).toBe(201);
  });

  it("refuses a wrong password and a challenge answered twice", async () => {
    const { user } = await payer();
    const payment = { to_card_number: "7777000000000000", amount: "50000" };
    const wrong = await confirm(user, {
      challenge_id: (await stepUpOptions(user, payment)).challenge_id,
      password: "not-the-password",
    });
    expect(wrong.status).toBe(401);
    expect(await codeOf(wrong)).toBe("WRONG_PASSWORD");
    const challenge = await stepUpOptions(user, payment);
    const first = await confirm(user, {
      challenge_id: challenge.challenge_id,
      password: user.password,
    });
    expect(first.status).toBe(200);
    const second = await confirm(user, {
      challenge_id: challenge.challenge_id,
      password: user.password,
    });
    expect(second.status).toBe(400);
    expect(await codeOf(second)).toBe("PASSKEY_REJECTED");
  });

  it("with a passkey: asks for it (not the password), pays by phone with its token", async () => {
    const { user, card } = await payer();
    const key = await addPasskey(user);
    const receiver = await newUser();
    await openActiveCard(receiver);
    const payment = { to_phone_number: receiver.phone, amount: "60000" };
    const challenge = await stepUpOptions(user, payment);
    expect(challenge.method).toBe("passkey");
    expect(challenge.options?.allowCredentials?.map((credential) => credential.id)).toEqual([
      key.credentialId,
    ]);
    const byPassword = await confirm(user, {
      challenge_id: challenge.challenge_id,
      password: user.password,
    });
    expect(await codeOf(byPassword)).toBe("PASSKEY_REJECTED");

    const fresh = await stepUpOptions(user, payment);
    const options = fresh.options ?? { challenge: "" };
    // An assertion signed for another challenge is refused.
    const crossed = await confirm(user, {
      challenge_id: fresh.challenge_id,
      response: await key.assert(challenge.options ?? options, user.id),
    });
    expect(await codeOf(crossed)).toBe("PASSKEY_REJECTED");

    const good = await stepUpOptions(user, payment);
    const confirmed = await confirm(user, {
      challenge_id: good.challenge_id,
      response: await key.assert(good.options ?? options, user.id),
    });
    expect(confirmed.status).toBe(200);
    const { step_up_token } = (await confirmed.json()) as { step_up_token: string };
    const paid = await sendMoney(user, { from_card_id: card.id, ...payment }, crypto.randomUUID(), {
      "Step-Up-Token": step_up_token,
    });
    expect(paid.status).toBe(201);
  });

  it("guards paying a payment request the same way", async () => {
    const { user, card } = await payer();
    const requester = await newUser();
    const toCard = await openActiveCard(requester);
    const created = await callJson(
      "/api/payment-requests",
      "POST",
      { to_card_id: toCard.id, amount: "70000" },
      bearer(requester.accessToken),
    );
    const request = (await created.json()) as { id: string };
    const pay = (headers: Record<string, string> = {}, key = crypto.randomUUID()) =>
      callJson(
        `/api/payment-requests/${request.id}/pay`,
        "POST",
        { from_card_id: card.id },
        { ...bearer(user.accessToken), "Idempotency-Key": key, ...headers },
      );
    const refused = await pay();
    expect(refused.status).toBe(403);
    expect(await codeOf(refused)).toBe("STEP_UP_REQUIRED");

    // A token for another amount does not pay it (the amount must be the request's).
    const wrongAmount = await passwordToken(user, { payment_request_id: request.id, amount: "1" });
    expect((await pay({ "Step-Up-Token": wrongAmount })).status).toBe(422);

    const token = await passwordToken(user, { payment_request_id: request.id, amount: "70000" });
    const paid = await pay({ "Step-Up-Token": token });
    expect(paid.status).toBe(201);
  });
});
