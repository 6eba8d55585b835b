import type { Transaction } from "../../../lib/api/client";
import { daysBetween, tashkentDay } from "../../../lib/dates";
import { fromTiyin, toTiyin } from "../../../lib/money";

export interface DayTotals {
  day: string;
  /** Exact amounts (wire strings) for labels. */
  income: string;
  spending: string;
  /** The same in so'm as numbers, for plotting only (never for arithmetic). */
  incomeValue: number;
  spendingValue: number;
}

const tiyin = (text: string) => toTiyin(text) ?? 0n;

/**
 * Per-day income (amount received) and spending (amount + commission paid) for
 * each day of the range, summed exactly in tiyin. Only successful transactions
 * count: a refused one moved no money, whichever side of it the user was on.
 */
export function dailyTotals(
  start: string,
  end: string,
  income: readonly Transaction[],
  spending: readonly Transaction[],
): { days: DayTotals[]; income: string; spending: string } {
  const incomeByDay = new Map<string, bigint>();
  const spendingByDay = new Map<string, bigint>();
  for (const transaction of income) {
    if (transaction.status !== "success") continue;
    const day = tashkentDay(transaction.created_at);
    incomeByDay.set(day, (incomeByDay.get(day) ?? 0n) + tiyin(transaction.amount));
  }
  for (const transaction of spending) {
    if (transaction.status !== "success") continue;
    const day = tashkentDay(transaction.created_at);
    const paid = tiyin(transaction.amount) + tiyin(transaction.commission);
    spendingByDay.set(day, (spendingByDay.get(day) ?? 0n) + paid);
  }
  let totalIncome = 0n;
  let totalSpending = 0n;
  const days = daysBetween(start, end).map((day) => {
    const dayIncome = incomeByDay.get(day) ?? 0n;
    const daySpending = spendingByDay.get(day) ?? 0n;
    totalIncome += dayIncome;
    totalSpending += daySpending;
    return {
      day,
      income: fromTiyin(dayIncome),
      spending: fromTiyin(daySpending),
      incomeValue: Number(dayIncome) / 100,
      spendingValue: Number(daySpending) / 100,
    };
  });
  return { days, income: fromTiyin(totalIncome), spending: fromTiyin(totalSpending) };
}
