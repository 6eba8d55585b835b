import { useTranslation } from "react-i18next";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  type TooltipContentProps,
  type TooltipValueType,
  XAxis,
  YAxis,
} from "recharts";
import { Card } from "../../../components/ui/card";
import { ErrorState } from "../../../components/ui/error-state";
import { Money } from "../../../components/ui/money";
import { Spinner } from "../../../components/ui/spinner";
import { formatDay } from "../../../lib/dates";
import { formatCompactSom } from "../../../lib/money";
import { useMonthTransactions } from "../api/transactions";
import { type DayTotals, dailyTotals } from "./month-stats";

function ChartTooltip({ active, payload }: TooltipContentProps<TooltipValueType, string | number>) {
  const { t, i18n } = useTranslation();
  const row = payload?.[0]?.payload as DayTotals | undefined;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <strong>{formatDay(row.day, i18n.language)}</strong>
      <div>
        {t("dashboard.income")}: <Money value={row.income} />
      </div>
      <div>
        {t("dashboard.spending")}: <Money value={row.spending} />
      </div>
    </div>
  );
}

/** This month's income and spending per day, with exact totals above the chart. */
export function MonthChart() {
  const { t } = useTranslation();
  const month = useMonthTransactions();
  return (
    <Card title={t("dashboard.thisMonth")}>
      {month.isPending ? (
        <Spinner />
      ) : month.isError ? (
        <ErrorState error={month.error} onRetry={() => month.refetch()} />
      ) : (
        <MonthChartBody {...month.data} />
      )}
    </Card>
  );
}

function MonthChartBody({
  start,
  end,
  income,
  spending,
}: ReturnType<typeof useMonthTransactions>["data"] & object) {
  const { t, i18n } = useTranslation();
  const totals = dailyTotals(start, end, income, spending);
  // Colour says which way money moved; a month with none either way stays neutral.
  const spent = /[1-9]/.test(totals.spending);
  return (
    <>
      <div className="month-totals">
        <div>
          <span className="muted">{t("dashboard.income")}</span>
          <Money value={totals.income} sign="+" />
        </div>
        <div>
          <span className="muted">{t("dashboard.spending")}</span>
          <Money
            value={totals.spending}
            sign="-"
            className={spent ? "month-spending" : undefined}
          />
        </div>
      </div>
      <div className="chart" role="img" aria-label={t("dashboard.chartLabel")}>
        <ResponsiveContainer width="100%" height={200}>
          <BarChart data={totals.days} margin={{ top: 8, right: 4, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="var(--line)" />
            <XAxis
              dataKey="day"
              tickFormatter={(day: string) => String(Number(day.slice(8)))}
              tickLine={false}
              fontSize={11}
              interval="preserveStartEnd"
            />
            <YAxis
              width="auto"
              tickFormatter={(value: number) => formatCompactSom(value, i18n.language)}
              tickLine={false}
              axisLine={false}
              fontSize={11}
            />
            <Tooltip content={ChartTooltip} cursor={{ fill: "var(--hover)" }} />
            <Legend
              formatter={(key: string) =>
                key === "incomeValue" ? t("dashboard.income") : t("dashboard.spending")
              }
              wrapperStyle={{ fontSize: 12 }}
            />
            <Bar
              dataKey="incomeValue"
              fill="var(--in)"
              radius={[3, 3, 0, 0]}
              isAnimationActive={false}
            />
            <Bar
              dataKey="spendingValue"
              fill="var(--out)"
              radius={[3, 3, 0, 0]}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </>
  );
}
