import {
  commissionTiyin,
  fromTiyin,
  parseAmountInput,
  type Role,
  TRANSFER_LIMITS,
  toTiyin,
} from "../../../lib/money";

export interface TransferQuote {
  amount: string;
  commission: string;
  total: string;
  /** i18n key of the first broken rule, if any. */
  problem?: "transfer.belowMin" | "transfer.aboveMax" | "transfer.insufficient";
}

/**
 * What the sender will pay for an amount as typed, exactly as the server computes
 * it (integer tiyin, commission half-up), and which limit it breaks, if any.
 * Null while the input is not an amount yet.
 */
export function quoteTransfer(input: string, role: Role, balance?: string): TransferQuote | null {
  const amountText = parseAmountInput(input);
  if (amountText === null) return null;
  const amount = toTiyin(amountText) as bigint;
  const commission = commissionTiyin(amount, role);
  const total = amount + commission;
  const limits = TRANSFER_LIMITS[role];
  let problem: TransferQuote["problem"];
  if (amount < limits.min) problem = "transfer.belowMin";
  else if (amount > limits.max) problem = "transfer.aboveMax";
  else if (balance !== undefined && total > (toTiyin(balance) ?? 0n))
    problem = "transfer.insufficient";
  return {
    amount: amountText,
    commission: fromTiyin(commission),
    total: fromTiyin(total),
    problem,
  };
}
