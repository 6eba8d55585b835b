import { useTranslation } from "react-i18next";
import { PageHeader } from "../../components/layout/page";
import { AdminDashboard } from "../../features/admin/components/admin-dashboard";
import { DepositForm } from "../../features/admin/components/deposit-form";
import { AdminRoute } from "../../lib/auth/auth";

/** Admin shell (admins only): the day's dashboard and cash-in. Users, cards, audit log come next. */
export default function AdminPage() {
  return (
    <AdminRoute>
      <AdminContent />
    </AdminRoute>
  );
}

function AdminContent() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader title={t("nav.admin")} />
      <div className="two-col">
        <AdminDashboard />
        <DepositForm />
      </div>
    </div>
  );
}
