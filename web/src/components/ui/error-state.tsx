import { useTranslation } from "react-i18next";
import { ApiProblem } from "../../lib/api/problem";
import { Button } from "./button";

/** Shows why something failed (the server's localized `detail` when there is one). */
export function ErrorState({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const { t } = useTranslation();
  const detail = error instanceof ApiProblem ? error.detail : t("errors.unknown");
  return (
    <div className="state state-error" role="alert">
      <div className="state-icon" aria-hidden="true">
        !
      </div>
      <p className="state-title">{title ?? t("errors.title")}</p>
      <p className="state-text">{detail}</p>
      {onRetry && (
        <Button variant="secondary" size="sm" onClick={onRetry}>
          {t("common.retry")}
        </Button>
      )}
    </div>
  );
}

/** A one-line error for forms and actions. */
export function InlineError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const detail = error instanceof ApiProblem ? error.detail : t("errors.unknown");
  return (
    <div className="alert alert-error" role="alert">
      {detail}
    </div>
  );
}
