import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, useRouteError } from "react-router";
import { ButtonLink } from "../ui/button";
import { ErrorState } from "../ui/error-state";

/** The route-level error boundary: a crash in one page never takes the app down. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <div className="page-center">
        <div className="state">
          <p className="state-title">{t("errors.notFound")}</p>
          <ButtonLink to="/dashboard" variant="secondary">
            {t("common.home")}
          </ButtonLink>
        </div>
      </div>
    );
  }
  return (
    <div className="page-center">
      <ErrorState
        error={error}
        title={t("errors.crash")}
        onRetry={() => window.location.reload()}
      />
      <ButtonLink to="/dashboard" variant="ghost">
        {t("common.home")}
      </ButtonLink>
    </div>
  );
}
