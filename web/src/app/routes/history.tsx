import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { PageHeader } from "../../components/layout/page";
import { Card } from "../../components/ui/card";
import { useOwnCardNumbers } from "../../features/cards/api/cards";
import type { HistoryFilters } from "../../features/transactions/api/transactions";
import { History } from "../../features/transactions/components/history";
import { HistoryFiltersForm } from "../../features/transactions/components/history-filters";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Filters live in the URL, so a filtered view survives a reload and can be shared. */
function filtersFrom(params: URLSearchParams): HistoryFilters {
  const day = (key: string) => {
    const value = params.get(key);
    return value && DAY.test(value) ? value : undefined;
  };
  const direction = params.get("direction");
  const status = params.get("status");
  return {
    start_date: day("start_date"),
    end_date: day("end_date"),
    direction: direction === "in" || direction === "out" ? direction : undefined,
    status: status === "success" || status === "failed" ? status : undefined,
  };
}

export default function HistoryRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const ownCardNumbers = useOwnCardNumbers();
  const apply = (next: HistoryFilters) =>
    setParams(
      Object.fromEntries(Object.entries(next).filter(([, value]) => value)) as Record<
        string,
        string
      >,
    );
  return (
    <div className="page">
      <PageHeader title={t("nav.history")} />
      <div className="history-layout">
        <Card>
          <h2 className="visually-hidden">{t("history.filters")}</h2>
          <HistoryFiltersForm key={params.toString()} value={filters} onChange={apply} />
        </Card>
        <Card>
          <History filters={filters} ownCardNumbers={ownCardNumbers} />
        </Card>
      </div>
    </div>
  );
}
