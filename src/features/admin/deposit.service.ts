import { ZodError } from "zod";
import { PLATFORM_CARD_NUMBER } from "../../db/schema";
import { ApiError } from "../../lib/problem";
import type { IdempotentOutcome, PostingDeps } from "../ledger/idempotency";
import { type Caller, postToLedgerOnce } from "../ledger/idempotent-posting";
import {
  cashInPayloadHash,
  type RequestOutcome,
  replayPendingKey,
  requestCashIn,
} from "./cash-in.service";

export interface DepositInput {
  to_card_number: string;
  amount: bigint;
  description?: string;
  from_card_id?: string;
}

/**
 * Cash-in: money enters from the treasury (or from the admin's own card when
 * from_card_id is given) through the same ledger function as every transfer,
 * idempotently, with its audit row in the same statement. The ledger itself
 * refuses a cash-in by anyone who is not an admin at that moment.
 *
 * The platform card is never cashed in to: what it holds is the platform's
 * income (commissions and premium payments), and treasury money landing there
 * would read as income that nobody paid. The refusal comes before the ledger,
 * so nothing is recorded or moved.
 *
 * More than `approvalThreshold` (tiyin) is not posted: it is recorded pending
 * and moves money only when another admin approves it (./cash-in.service.ts).
 */
export async function deposit(
  deps: PostingDeps,
  admin: Caller,
  input: DepositInput,
  approvalThreshold: bigint,
): Promise<RequestOutcome> {
  if (input.to_card_number === PLATFORM_CARD_NUMBER) throw new ApiError("PLATFORM_CARD_LOCKED");
  if (input.amount > approvalThreshold) {
    return requestCashIn(deps.db, admin, input, await cashInPayloadHash(input));
  }
  let outcome: IdempotentOutcome;
  try {
    outcome = await postToLedgerOnce(deps, admin, "deposit", {
      type: "deposit",
      fromCardId: input.from_card_id ?? null,
      toCardNumber: input.to_card_number,
      amount: input.amount,
      description: input.description || null,
      audit: { actorId: admin.id, action: "deposit" },
    });
  } catch (error) {
    // The key's record is not a posting (ledger_post replayed it, so nothing moved):
    // a pending cash-in made under it while the threshold was lower.
    if (error instanceof ZodError) {
      const pending = await replayPendingKey(deps.db, admin, await cashInPayloadHash(input));
      if (pending) return pending;
    }
    throw error;
  }
  return { kind: "posted", outcome };
}
