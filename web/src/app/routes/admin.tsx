import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { PageHeader } from "../../components/layout/page";
import { AdminAudit } from "../../features/admin/components/admin-audit";
import { AdminCards } from "../../features/admin/components/admin-cards";
import { AdminDashboard } from "../../features/admin/components/admin-dashboard";
import { AdminLedger } from "../../features/admin/components/admin-ledger";
import { AdminLedgerProof } from "../../features/admin/components/admin-ledger-proof";
import { AdminTransactions } from "../../features/admin/components/admin-transactions";
import { AdminUsers } from "../../features/admin/components/admin-users";
import { DepositForm } from "../../features/admin/components/deposit-form";
import { PendingCashIns } from "../../features/admin/components/pending-cash-ins";
import { AdminRoute } from "../../lib/auth/auth";

const TABS = ["overview", "cashIns", "users", "cards", "transactions", "ledger", "audit"] as const;
type Tab = (typeof TABS)[number];

/**
 * Admin section (admins only): the day's dashboard and cash-in, the cash-ins
 * awaiting a second admin, users, cards, ledger, audit.
 */
export default function AdminPage() {
  return (
    <AdminRoute>
      <AdminContent />
    </AdminRoute>
  );
}

function AdminContent() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get("tab");
  const tab: Tab = TABS.includes(requested as Tab) ? (requested as Tab) : "overview";
  return (
    <div className="page">
      <PageHeader title={t("nav.admin")} />
      <div className="tabs" role="tablist" aria-label={t("nav.admin")}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`admin-tab-${name}`}
            className="tab"
            aria-selected={tab === name}
            aria-controls="admin-panel"
            onClick={() => setParams(name === "overview" ? {} : { tab: name })}
          >
            {t(`admin.tab.${name}`)}
          </button>
        ))}
      </div>
      <div id="admin-panel" role="tabpanel" aria-labelledby={`admin-tab-${tab}`}>
        {tab === "overview" && (
          <div className="two-col">
            <AdminDashboard />
            <DepositForm />
          </div>
        )}
        {tab === "cashIns" && <PendingCashIns />}
        {tab === "users" && <AdminUsers />}
        {tab === "cards" && <AdminCards />}
        {tab === "transactions" && <AdminTransactions />}
        {tab === "ledger" && (
          <div className="stack">
            <AdminLedger />
            <AdminLedgerProof />
          </div>
        )}
        {tab === "audit" && <AdminAudit />}
      </div>
    </div>
  );
}
