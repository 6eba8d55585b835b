import { commissionTiyin, fromTiyin, parseAmountInput, toTiyin } from "../../../lib/money";
import type { RoleTerms } from "../../../lib/terms";

export interface TransferQuote {
  amount: string;
  commission: string;
  total: string;
  /** i18n key of the first broken rule, if any. */
  problem?: "transfer.belowMin" | "transfer.aboveMax" | "transfer.insufficient";
}

/**
 * What the sender will pay for an amount as typed under the sender's role terms,
 * exactly as the server computes it (integer tiyin, commission half-up), and
 * which limit it breaks, if any. Null while the input is not an amount yet.
 */
export function quoteTransfer(
  input: string,
  terms: RoleTerms,
  balance?: string,
): TransferQuote | null {
  const amountText = parseAmountInput(input);
  if (amountText === null) return null;
  const amount = toTiyin(amountText) as bigint;
  const commission = commissionTiyin(amount, terms.commission_bp);
  const total = amount + commission;
  let problem: TransferQuote["problem"];
  if (amount < (toTiyin(terms.min_amount) ?? 0n)) problem = "transfer.belowMin";
  else if (amount > (toTiyin(terms.max_amount) ?? 0n)) problem = "transfer.aboveMax";
  else if (balance !== undefined && total > (toTiyin(balance) ?? 0n))
    problem = "transfer.insufficient";
  return {
    amount: amountText,
    commission: fromTiyin(commission),
    total: fromTiyin(total),
    problem,
  };
}
