import { useTranslation } from "react-i18next";
import { ButtonLink } from "../../components/ui/button";
import { EmptyState } from "../../components/ui/empty-state";

export default function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <EmptyState
        title={t("errors.notFound")}
        titleAs="h1"
        action={<ButtonLink to="/dashboard">{t("common.home")}</ButtonLink>}
      />
    </div>
  );
}
