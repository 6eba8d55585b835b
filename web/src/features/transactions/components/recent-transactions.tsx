import { useTranslation } from "react-i18next";
import { ButtonLink } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/empty-state";
import { ErrorState } from "../../../components/ui/error-state";
import { Spinner } from "../../../components/ui/spinner";
import { useRecentTransactions } from "../api/transactions";
import { TransactionList } from "./transaction-list";

export function RecentTransactions({ ownCardNumbers }: { ownCardNumbers: readonly string[] }) {
  const { t } = useTranslation();
  const recent = useRecentTransactions(5);
  return (
    <Card
      title={t("dashboard.recent")}
      actions={
        <ButtonLink to="/history" variant="ghost" size="sm">
          {t("dashboard.seeAll")}
        </ButtonLink>
      }
    >
      {recent.isPending ? (
        <Spinner />
      ) : recent.isError ? (
        <ErrorState error={recent.error} onRetry={() => recent.refetch()} />
      ) : recent.data.data.length === 0 ? (
        <EmptyState title={t("history.emptyTitle")} text={t("history.emptyText")} />
      ) : (
        <TransactionList transactions={recent.data.data} ownCardNumbers={ownCardNumbers} />
      )}
    </Card>
  );
}
