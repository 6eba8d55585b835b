import { commissionFor, som } from "../../lib/money";
import type { Role } from "../users/users.service";

/** Spec §3: per-role commission (basis points), transfer bounds (tiyin) and card count. */
export const ROLE_RULES: Record<
  Role,
  { commissionBp: bigint; min: bigint; max: bigint; maxCards: number }
> = {
  user: { commissionBp: 100n, min: som(2_000), max: som(2_000_000), maxCards: 1 },
  premium: { commissionBp: 0n, min: som(2_000), max: som(4_000_000), maxCards: 5 },
  admin: { commissionBp: 0n, min: som(2_000), max: som(100_000_000), maxCards: 5 },
};

export function transferTerms(role: Role, amount: bigint) {
  const rules = ROLE_RULES[role];
  return {
    commission: commissionFor(amount, rules.commissionBp),
    min: rules.min,
    max: rules.max,
  };
}
