import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { AuthLayout } from "../../components/layout/auth-layout";
import { LoginForm } from "../../features/auth/components/login-form";
import { PasskeyLogin } from "../../features/auth/components/passkey-login";
import { session } from "../../lib/auth/session";

/** Only same-app paths are followed after login (no open redirect). */
export const safeNext = (next: string | null) =>
  next?.startsWith("/") && !next.startsWith("//") ? next : "/dashboard";

export default function LoginRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  if (session.isSignedIn()) return <Navigate to={next} replace />;
  return (
    <AuthLayout title={t("auth.loginTitle")}>
      {params.get("expired") && (
        <div className="alert alert-info" role="status">
          {t("auth.sessionExpired")}
        </div>
      )}
      {params.get("password_changed") && (
        <div className="alert alert-success" role="status" data-testid="password-changed">
          {t("auth.passwordChanged")}
        </div>
      )}
      <LoginForm onSuccess={() => navigate(next, { replace: true })} />
      <PasskeyLogin onSuccess={() => navigate(next, { replace: true })} />
      <p className="auth-switch">
        {t("auth.noAccount")} <Link to="/register">{t("auth.register")}</Link>
      </p>
    </AuthLayout>
  );
}
