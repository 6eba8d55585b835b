import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { PageHeader } from "../../components/layout/page";
import { Icon } from "../../components/ui/icons";
import { RequestDetail } from "../../features/payment-requests/components/request-detail";

export default function RequestRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { requestId = "" } = useParams();
  return (
    <div className="page page-narrow">
      <PageHeader
        title={t("nav.requests")}
        back={
          <button
            type="button"
            className="icon-btn"
            aria-label={t("common.back")}
            onClick={() => navigate("/requests")}
          >
            <Icon name="back" />
          </button>
        }
      />
      <RequestDetail requestId={requestId} />
    </div>
  );
}
