import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/layout/page";
import { ButtonLink } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Icon } from "../../components/ui/icons";
import { Spinner } from "../../components/ui/spinner";
import { useOwnCardNumbers } from "../../features/cards/api/cards";
import { CardList } from "../../features/cards/components/card-list";
import { TotalBalance } from "../../features/cards/components/total-balance";
import { RecentTransactions } from "../../features/transactions/components/recent-transactions";
import { useUser } from "../../lib/auth/auth";

// The charts library is the heaviest code in the app: the balance and cards show
// without waiting for it. Its download starts with this screen's code, while the
// session and the data are still on their way, not after the first render.
const monthChart = import("../../features/transactions/components/month-chart");
monthChart.catch(() => undefined); // a failed download is reported where the chart renders
const MonthChart = lazy(() => monthChart.then((module) => ({ default: module.MonthChart })));

export default function DashboardRoute() {
  const { t } = useTranslation();
  const user = useUser();
  const ownCardNumbers = useOwnCardNumbers();
  const firstName = user.data?.full_name.split(" ")[0] ?? "";
  return (
    <div className="page">
      <PageHeader title={t("dashboard.hello", { name: firstName })} />
      <div className="dashboard">
        <div className="dashboard-main">
          <div className="hero">
            <TotalBalance />
            <div className="hero-actions">
              <ButtonLink to="/send" icon={<Icon name="send" size={18} />}>
                {t("nav.send")}
              </ButtonLink>
              <ButtonLink
                to="/history"
                variant="secondary"
                icon={<Icon name="history" size={18} />}
              >
                {t("nav.history")}
              </ButtonLink>
            </div>
          </div>
          <Card
            title={t("nav.cards")}
            actions={
              <ButtonLink to="/cards" variant="ghost" size="sm">
                {t("dashboard.seeAll")}
              </ButtonLink>
            }
          >
            <CardList compact />
          </Card>
          <Suspense
            fallback={
              <Card title={t("dashboard.thisMonth")}>
                <Spinner />
              </Card>
            }
          >
            <MonthChart />
          </Suspense>
        </div>
        <RecentTransactions ownCardNumbers={ownCardNumbers} />
      </div>
    </div>
  );
}
