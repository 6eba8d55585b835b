import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { AuthLayout } from "../../components/layout/auth-layout";
import { ReceiptVerdictView } from "../../features/receipts/components/receipt-verdict";

/** Public: anyone holding a receipt's link (or its QR code) checks it here, signed in or not. */
export default function ReceiptCheckRoute() {
  const { t } = useTranslation();
  const { token = "" } = useParams();
  return (
    <AuthLayout title={t("signedReceipt.title")}>
      <ReceiptVerdictView token={token} />
    </AuthLayout>
  );
}
