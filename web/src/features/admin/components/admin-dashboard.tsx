import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "../../../components/ui/card";
import { DateField } from "../../../components/ui/date-field";
import { ErrorState } from "../../../components/ui/error-state";
import { Spinner } from "../../../components/ui/spinner";
import { daysOfMonth, tashkentDay } from "../../../lib/dates";
import { formatSom, toTiyin } from "../../../lib/money";
import { useAdminDashboard } from "../api/admin";

/** For plotting only: so'm as a number (labels always use the exact string). */
const plot = (volume: string) => Number(toTiyin(volume) ?? 0n) / 100;
const compact = (value: number) =>
  new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 }).format(value);

/** The API lists only days with transactions; the chart shows every day of the month. */
function fullMonth(day: string, points: { date: string; volume: string; count: number }[]) {
  const byDate = new Map(points.map((point) => [point.date, point]));
  return daysOfMonth(day).map((date) => {
    const volume = byDate.get(date)?.volume ?? "0.00";
    return { date, volume, value: plot(volume) };
  });
}

/**
 * A tile's amount: the number never breaks inside (its digit groups are joined by
 * plain spaces, kept together here), and the currency moves under it when the
 * tile is too narrow for both.
 */
function StatAmount({ value }: { value: string }) {
  const { t } = useTranslation();
  return (
    <span className="admin-stat-amount">
      <span className="money">{formatSom(value, "")}</span>
      <span>{t("currency")}</span>
    </span>
  );
}

export function AdminDashboard() {
  const { t } = useTranslation();
  const [day, setDay] = useState(() => tashkentDay(new Date()));
  const dashboard = useAdminDashboard(day);
  const som = (text: string) => formatSom(text, t("currency"));

  return (
    <Card title={t("admin.dashboard")}>
      <DateField
        label={t("admin.day")}
        value={day}
        onChange={(picked) => picked && setDay(picked)}
      />
      {dashboard.isPending ? (
        <Spinner />
      ) : dashboard.isError ? (
        <ErrorState error={dashboard.error} onRetry={() => dashboard.refetch()} />
      ) : (
        <>
          <dl className="stats admin-stats" data-testid="admin-stats">
            <div>
              <dt>{t("admin.totalBalance")}</dt>
              <dd>
                <StatAmount value={dashboard.data.total_balance} />
              </dd>
            </div>
            <div>
              <dt>{t("admin.sent")}</dt>
              <dd>
                <StatAmount value={dashboard.data.sender_transactions} />
              </dd>
            </div>
            <div>
              <dt>{t("admin.received")}</dt>
              <dd>
                <StatAmount value={dashboard.data.receiver_transactions} />
              </dd>
            </div>
            <div>
              <dt>{t("admin.commission")}</dt>
              <dd>
                <StatAmount value={dashboard.data.total_commission} />
              </dd>
            </div>
            <div>
              <dt>{t("admin.count")}</dt>
              <dd>{dashboard.data.total_count}</dd>
            </div>
            <div>
              <dt>{t("admin.successRate")}</dt>
              <dd>
                {dashboard.data.success_percent}% / {dashboard.data.failed_percent}%
              </dd>
            </div>
          </dl>
          <h3 className="chart-title">{t("admin.hourly")}</h3>
          <div className="chart" role="img" aria-label={t("admin.hourly")}>
            <ResponsiveContainer width="100%" height={180}>
              <BarChart
                data={dashboard.data.hourly.map((point) => ({
                  ...point,
                  value: plot(point.volume),
                }))}
                margin={{ top: 8, right: 4, bottom: 0, left: -16 }}
              >
                <CartesianGrid vertical={false} stroke="var(--line)" />
                <XAxis dataKey="hour" tickLine={false} fontSize={11} />
                <YAxis tickFormatter={compact} tickLine={false} axisLine={false} fontSize={11} />
                <Tooltip
                  formatter={(_value, _name, item) => [som(item.payload.volume), t("admin.volume")]}
                  labelFormatter={(hour) => `${String(hour).padStart(2, "0")}:00`}
                />
                <Bar
                  dataKey="value"
                  fill="var(--brand)"
                  radius={[3, 3, 0, 0]}
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <h3 className="chart-title">{t("admin.daily")}</h3>
          <div className="chart" role="img" aria-label={t("admin.daily")}>
            <ResponsiveContainer width="100%" height={180}>
              <BarChart
                data={fullMonth(dashboard.data.date, dashboard.data.daily)}
                margin={{ top: 8, right: 4, bottom: 0, left: -16 }}
              >
                <CartesianGrid vertical={false} stroke="var(--line)" />
                <XAxis
                  dataKey="date"
                  tickFormatter={(date: string) => String(Number(date.slice(8)))}
                  tickLine={false}
                  fontSize={11}
                />
                <YAxis tickFormatter={compact} tickLine={false} axisLine={false} fontSize={11} />
                <Tooltip
                  formatter={(_value, _name, item) => [som(item.payload.volume), t("admin.volume")]}
                />
                <Bar
                  dataKey="value"
                  fill="var(--brand-soft)"
                  stroke="var(--brand)"
                  radius={[3, 3, 0, 0]}
                  maxBarSize={40}
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </>
      )}
    </Card>
  );
}
