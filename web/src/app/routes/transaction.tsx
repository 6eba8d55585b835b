import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { PageHeader } from "../../components/layout/page";
import { Icon } from "../../components/ui/icons";
import { useOwnCardNumbers } from "../../features/cards/api/cards";
import { ReceiptActions } from "../../features/receipts/components/receipt-actions";
import { useTransaction } from "../../features/transactions/api/transactions";
import { TransactionDetail } from "../../features/transactions/components/transaction-detail";

export default function TransactionRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { transactionId = "" } = useParams();
  const ownCardNumbers = useOwnCardNumbers();
  // Only a successful transaction has a signed receipt.
  const succeeded = useTransaction(transactionId).data?.status === "success";
  return (
    <div className="page page-narrow">
      <PageHeader
        title={t("receipt.title")}
        back={
          <button
            type="button"
            className="icon-btn"
            aria-label={t("common.back")}
            onClick={() => navigate(-1)}
          >
            <Icon name="back" />
          </button>
        }
      />
      <TransactionDetail transactionId={transactionId} ownCardNumbers={ownCardNumbers} />
      {succeeded && <ReceiptActions transactionId={transactionId} />}
    </div>
  );
}
