import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/empty-state";
import { ErrorState } from "../../../components/ui/error-state";
import { Select } from "../../../components/ui/input";
import { Money } from "../../../components/ui/money";
import { Spinner } from "../../../components/ui/spinner";
import { formatDateTime } from "../../../lib/dates";
import { type RequestStatus, usePaymentRequests } from "../api/payment-requests";
import { RequestStatusBadge } from "./request-status";

const FILTERS = ["all", "open", "paid", "expired", "cancelled"] as const;

/** The caller's requests, newest first, by status; each opens its detail. */
export function RequestList() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>("all");
  const [page, setPage] = useState(1);
  const status: RequestStatus | undefined = filter === "all" ? undefined : filter;
  const list = usePaymentRequests(status, page);

  return (
    <Card title={t("paymentRequests.listTitle")}>
      <Select
        label={t("paymentRequests.filter")}
        value={filter}
        onChange={(event) => {
          setFilter(event.target.value as (typeof FILTERS)[number]);
          setPage(1);
        }}
      >
        {FILTERS.map((option) => (
          <option key={option} value={option}>
            {t(`paymentRequests.filter_${option}`)}
          </option>
        ))}
      </Select>
      {list.isPending ? (
        <Spinner />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title={t("paymentRequests.empty")} />
      ) : (
        <>
          <ul className="request-list" aria-busy={list.isFetching || undefined}>
            {list.data.data.map((request) => (
              <li key={request.id} data-testid="request-row">
                <Link to={`/requests/${request.id}`} className="request-row">
                  <span className="request-row-main">
                    <span>
                      {request.amount ? (
                        <Money value={request.amount} />
                      ) : (
                        t("paymentRequests.anyAmount")
                      )}
                    </span>
                    <span className="muted small">
                      {request.description ?? formatDateTime(request.created_at, i18n.language)}
                    </span>
                  </span>
                  <RequestStatusBadge status={request.status} />
                </Link>
              </li>
            ))}
          </ul>
          {list.data.total_pages > 1 && (
            <div className="row">
              <Button
                variant="ghost"
                size="sm"
                disabled={page <= 1}
                onClick={() => setPage(page - 1)}
              >
                {t("paymentRequests.previous")}
              </Button>
              <span className="muted small">
                {page} / {list.data.total_pages}
              </span>
              <Button
                variant="ghost"
                size="sm"
                disabled={page >= list.data.total_pages}
                onClick={() => setPage(page + 1)}
              >
                {t("paymentRequests.next")}
              </Button>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
