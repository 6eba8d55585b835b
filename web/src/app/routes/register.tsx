import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate } from "react-router";
import { AuthLayout } from "../../components/layout/auth-layout";
import { RegisterForm } from "../../features/auth/components/register-form";
import { session } from "../../lib/auth/session";

export default function RegisterRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (session.isSignedIn()) return <Navigate to="/dashboard" replace />;
  return (
    <AuthLayout title={t("auth.registerTitle")}>
      <RegisterForm onSuccess={() => navigate("/dashboard", { replace: true })} />
      <p className="auth-switch">
        {t("auth.haveAccount")} <Link to="/login">{t("auth.login")}</Link>
      </p>
    </AuthLayout>
  );
}
