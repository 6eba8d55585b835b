import { useTranslation } from "react-i18next";
import { Card } from "../../../components/ui/card";
import { Input } from "../../../components/ui/input";
import { Money } from "../../../components/ui/money";
import { formatDateTime } from "../../../lib/dates";
import { displayPhone } from "../../../lib/phone";
import { useDebounced } from "../../../lib/use-debounced";
import { useAdminTransactions } from "../api/admin";
import { ListState, Pager, usePagedFilters } from "./admin-list-parts";

/** All transactions, or those of one card number. */
export function AdminTransactions() {
  const { t, i18n } = useTranslation();
  const { filters, page, setPage, bind } = usePagedFilters({ number: "" });
  const digits = useDebounced(filters.number.replace(/\s/g, ""));
  const transactions = useAdminTransactions(digits || undefined, page);
  return (
    <Card title={t("admin.transactions")}>
      <Input label={t("admin.toCard")} type="search" inputMode="numeric" {...bind("number")} />
      <ListState
        query={transactions}
        items={transactions.data?.data}
        render={(items) => (
          <ul className="admin-list" aria-busy={transactions.isFetching || undefined}>
            {items.map((tx) => (
              <li key={tx.id} className="admin-row" data-testid="admin-tx">
                <div className="admin-main">
                  <span className="admin-title">
                    {t(`type.${tx.type}`)} · {t(`status.${tx.status}`)}
                  </span>
                  <span className="small">
                    {tx.from_card ? `${tx.from_card.owner_name} → ` : ""}
                    {tx.to_card.owner_name}
                    {tx.to_phone ? ` · ${displayPhone(tx.to_phone)}` : ""}
                  </span>
                  <span className="muted small">
                    {formatDateTime(tx.created_at, i18n.language)}
                  </span>
                </div>
                <div className="admin-main">
                  <Money value={tx.amount} />
                  {tx.commission !== "0.00" && (
                    <span className="muted small">
                      {t("admin.commission")}: <Money value={tx.commission} />
                    </span>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      />
      <Pager page={page} totalPages={transactions.data?.total_pages ?? 1} onPage={setPage} />
    </Card>
  );
}
