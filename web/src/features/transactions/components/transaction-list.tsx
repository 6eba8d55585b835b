import { useTranslation } from "react-i18next";
import type { Transaction } from "../../../lib/api/client";
import { type DayGroup, formatDay, groupByDay } from "../../../lib/dates";
import { TransactionRow } from "./transaction-row";

function dayLabel(group: DayGroup<Transaction>, t: (key: string) => string, language: string) {
  if (group.kind === "today") return t("history.today");
  if (group.kind === "yesterday") return t("history.yesterday");
  return formatDay(group.day, language);
}

/** Transactions grouped by Tashkent day: "Bugun", "Kecha", then dates. */
export function TransactionList({
  transactions,
  ownCardNumbers,
}: {
  transactions: readonly Transaction[];
  ownCardNumbers: readonly string[];
}) {
  const { t, i18n } = useTranslation();
  return (
    <div className="tx-groups">
      {groupByDay(transactions).map((group) => (
        <section
          key={group.day}
          className="tx-group"
          aria-label={dayLabel(group, t, i18n.language)}
        >
          <h3 className="tx-day">{dayLabel(group, t, i18n.language)}</h3>
          <ul className="tx-list">
            {group.items.map((transaction) => (
              <li key={transaction.id}>
                <TransactionRow transaction={transaction} ownCardNumbers={ownCardNumbers} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
