import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { EmptyState } from "../../../components/ui/empty-state";
import { ErrorState } from "../../../components/ui/error-state";
import { Spinner } from "../../../components/ui/spinner";
import { type HistoryFilters, useTransactionHistory } from "../api/transactions";
import { TransactionList } from "./transaction-list";

export function History({
  filters,
  ownCardNumbers,
}: {
  filters: HistoryFilters;
  ownCardNumbers: readonly string[];
}) {
  const { t } = useTranslation();
  const history = useTransactionHistory(filters);
  if (history.isPending) return <Spinner />;
  if (history.isError)
    return <ErrorState error={history.error} onRetry={() => history.refetch()} />;
  const transactions = history.data.pages.flatMap((page) => page.data);
  if (transactions.length === 0) {
    const { card_id: _, ...narrowing } = filters;
    const filtered = Object.values(narrowing).some(Boolean);
    return (
      <EmptyState
        title={filtered ? t("history.noMatches") : t("history.emptyTitle")}
        text={filtered ? undefined : t("history.emptyText")}
      />
    );
  }
  return (
    <>
      <p className="muted small">
        {t("history.count", { count: history.data.pages[0]?.total ?? transactions.length })}
      </p>
      <TransactionList transactions={transactions} ownCardNumbers={ownCardNumbers} />
      {history.hasNextPage && (
        <Button
          variant="secondary"
          block
          loading={history.isFetchingNextPage}
          onClick={() => history.fetchNextPage()}
        >
          {t("history.more")}
        </Button>
      )}
    </>
  );
}
