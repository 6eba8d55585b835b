import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, ButtonLink } from "../../../components/ui/button";
import { downloadReceiptPdf, useSignedReceipt } from "../api/receipts";

/** "Download PDF" and "Verify" (the public page that checks the bank's signature). */
export function ReceiptActions({ transactionId }: { transactionId: string }) {
  const { t } = useTranslation();
  const signed = useSignedReceipt(transactionId);
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState(false);

  const download = async () => {
    setSaving(true);
    setFailed(false);
    try {
      await downloadReceiptPdf(transactionId);
    } catch {
      setFailed(true);
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <div className="receipt-actions">
        <Button variant="secondary" loading={saving} onClick={download}>
          {t("signedReceipt.downloadPdf")}
        </Button>
        {signed.data && (
          <ButtonLink variant="secondary" to={`/r/${signed.data.token}`}>
            {t("signedReceipt.verify")}
          </ButtonLink>
        )}
      </div>
      <p className="receipt-notice is-error" role="status">
        {failed ? t("signedReceipt.downloadFailed") : ""}
      </p>
    </>
  );
}
