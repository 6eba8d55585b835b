import { formatMoney } from "../../lib/money";
import type { Movement, Statement } from "./statement.service";

const money = (tiyin: bigint) => formatMoney(tiyin);

export function movementJson(movement: Movement) {
  return {
    transaction_id: movement.transactionId,
    created_at: movement.createdAt,
    date: movement.day,
    time: movement.time,
    type: movement.type,
    counterparty: movement.counterparty
      ? {
          card_number: movement.counterparty.cardNumber,
          owner_name: movement.counterparty.ownerName,
        }
      : null,
    description: movement.description,
    amount: money(movement.amount),
    fee: money(movement.fee),
    change: money(movement.change),
    balance: money(movement.balance),
  };
}

/**
 * The statement as JSON text, written as it is read: the head, then each
 * movement, then the totals (known only at the end, hence last).
 */
export async function* statementJson(statement: Statement): AsyncGenerator<string> {
  const { head, totals } = statement;
  const opening = JSON.stringify({
    card: { id: head.cardId, card_number: head.cardNumber, owner_name: head.ownerName },
    from: head.from,
    to: head.to,
    timezone: "Asia/Tashkent",
    currency: "UZS",
    generated_at: head.generatedAt,
    opening_balance: money(head.opening),
  });
  yield `${opening.slice(0, -1)},"movements":[`;
  let first = true;
  for await (const movement of statement.movements()) {
    yield `${first ? "" : ","}${JSON.stringify(movementJson(movement))}`;
    first = false;
  }
  const tail = JSON.stringify({
    closing_balance: money(totals.closing),
    total_in: money(totals.totalIn),
    total_out: money(totals.totalOut),
    total_fees: money(totals.fees),
    movement_count: totals.count,
  });
  yield `],${tail.slice(1)}`;
}
