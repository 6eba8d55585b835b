import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { EmptyState } from "../../../components/ui/empty-state";
import { ErrorState } from "../../../components/ui/error-state";
import { Spinner } from "../../../components/ui/spinner";

// What the admin list screens share: filters that reset the page, the pager and
// the loading, error and empty states.

/**
 * Text filters of a paged list: changing any of them goes back to page 1.
 * `bind(name)` gives an input its value and onChange.
 */
export function usePagedFilters<K extends string>(initial: Record<K, string>) {
  const [filters, setFilters] = useState(initial);
  const [page, setPage] = useState(1);
  const bind = (name: K) => ({
    value: filters[name],
    onChange: (event: { target: { value: string } }) => {
      setFilters((current) => ({ ...current, [name]: event.target.value }));
      setPage(1);
    },
  });
  return { filters, page, setPage, bind };
}

export function Pager({
  page,
  totalPages,
  onPage,
}: {
  page: number;
  totalPages: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  if (totalPages <= 1) return null;
  return (
    <nav className="pager" aria-label={t("admin.pages")}>
      <Button variant="ghost" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t("admin.prev")}
      </Button>
      <span className="muted small">{t("admin.pageOf", { page, total: totalPages })}</span>
      <Button
        variant="ghost"
        size="sm"
        disabled={page >= totalPages}
        onClick={() => onPage(page + 1)}
      >
        {t("admin.next")}
      </Button>
    </nav>
  );
}

/** Loading, error and empty states around a list. */
export function ListState<T>({
  query,
  items,
  render,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  items: T[] | undefined;
  render: (items: T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Spinner />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (!items || items.length === 0) return <EmptyState title={t("admin.nothing")} />;
  return <>{render(items)}</>;
}
