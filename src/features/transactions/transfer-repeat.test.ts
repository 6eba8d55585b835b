import { describe, expect, it } from "vitest";
import { openActiveCard } from "../../../test/worker/cards";
import { fund } from "../../../test/worker/db";
import { call } from "../../../test/worker/http";
import { sendMoney } from "../../../test/worker/transfers";
import { bearer, newUser } from "../../../test/worker/users";
import type { Problem } from "../../lib/problem";

describe("GET /api/transactions/{id}/repeat", () => {
  it("gives the sender the transfer's payload, and nobody else anything", async () => {
    const sender = await newUser("Alisher Valiyev");
    const receiver = await newUser("Bobur Karimov");
    const from = await openActiveCard(sender);
    const to = await openActiveCard(receiver);
    await fund(from.card_number, 100_000_00n);
    const receipt = (await (
      await sendMoney(sender, {
        from_card_id: from.id,
        to_card_number: to.card_number,
        amount: "25000.50",
        description: "Tushlik uchun",
      })
    ).json()) as { id: string; to_card: { card_number: string } };
    expect(receipt.to_card.card_number).toContain("****");

    const repeat = await call(`/api/transactions/${receipt.id}/repeat`, {
      headers: bearer(sender.accessToken),
    });
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toEqual({
      from_card_id: from.id,
      to_card_number: to.card_number,
      to_phone_number: null,
      amount: "25000.50",
      description: "Tushlik uchun",
    });

    // The receiver never learns the sender's full number this way.
    const asReceiver = await call(`/api/transactions/${receipt.id}/repeat`, {
      headers: bearer(receiver.accessToken),
    });
    expect(asReceiver.status).toBe(404);
    expect(((await asReceiver.json()) as Problem).code).toBe("TRANSACTION_NOT_FOUND");

    // A deposit is no transfer to repeat.
    const history = (await (
      await call("/api/transactions?type=deposit", { headers: bearer(sender.accessToken) })
    ).json()) as { data: { id: string }[] };
    const deposit = history.data[0]?.id;
    expect(deposit).toBeDefined();
    const asDeposit = await call(`/api/transactions/${deposit}/repeat`, {
      headers: bearer(sender.accessToken),
    });
    expect(asDeposit.status).toBe(404);

    expect(
      (await call("/api/transactions/not-a-uuid/repeat", { headers: bearer(sender.accessToken) }))
        .status,
    ).toBe(422);
    expect((await call(`/api/transactions/${receipt.id}/repeat`)).status).toBe(401);
  });
});
