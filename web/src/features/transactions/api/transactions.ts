import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api, type Transaction, unwrap } from "../../../lib/api/client";
import { monthStart, tashkentDay } from "../../../lib/dates";
import { queryKeys } from "../../../lib/query-keys";

export interface HistoryFilters {
  start_date?: string;
  end_date?: string;
  direction?: "in" | "out";
  status?: "success" | "failed";
  card_id?: string;
}

const PAGE_SIZE = 20;

/** History, newest first, a page at a time ("show more"). */
export function useTransactionHistory(filters: HistoryFilters) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.transactions, "history", filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/transactions", {
          params: { query: { ...filters, page: pageParam, limit: PAGE_SIZE } },
        }),
      ),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page < last.total_pages ? last.page + 1 : undefined),
  });
}

export function useRecentTransactions(limit = 5) {
  return useQuery({
    queryKey: [...queryKeys.transactions, "recent", limit],
    queryFn: () => unwrap(api.GET("/api/transactions", { params: { query: { page: 1, limit } } })),
  });
}

export function useTransaction(id: string) {
  return useQuery({
    queryKey: [...queryKeys.transactions, "one", id],
    queryFn: () => unwrap(api.GET("/api/transactions/{id}", { params: { path: { id } } })),
  });
}

const MONTH_PAGE_SIZE = 100;
const MONTH_MAX_PAGES = 20;

async function allPages(query: {
  start_date: string;
  end_date: string;
  direction: "in" | "out";
}): Promise<{ items: Transaction[]; complete: boolean }> {
  const items: Transaction[] = [];
  for (let page = 1; page <= MONTH_MAX_PAGES; page++) {
    const result = await unwrap(
      api.GET("/api/transactions", {
        params: { query: { ...query, status: "success", page, limit: MONTH_PAGE_SIZE } },
      }),
    );
    items.push(...result.data);
    if (page >= result.total_pages) return { items, complete: true };
  }
  return { items, complete: false };
}

/** This Tashkent month's successful income and spending (for the chart). */
export function useMonthTransactions(now: Date = new Date()) {
  const start = monthStart(now);
  const end = tashkentDay(now);
  return useQuery({
    queryKey: [...queryKeys.transactions, "month", start, end],
    queryFn: async () => {
      const [income, spending] = await Promise.all([
        allPages({ start_date: start, end_date: end, direction: "in" }),
        allPages({ start_date: start, end_date: end, direction: "out" }),
      ]);
      return {
        start,
        end,
        income: income.items,
        spending: spending.items,
        complete: income.complete && spending.complete,
      };
    },
  });
}
