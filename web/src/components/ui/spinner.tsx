import { useTranslation } from "react-i18next";

export function Spinner({ size = "md", fullPage }: { size?: "sm" | "md"; fullPage?: boolean }) {
  const { t } = useTranslation();
  const spinner = (
    <span className={`spinner spinner-${size}`} role="status" aria-label={t("common.loading")} />
  );
  return fullPage ? <div className="page-center">{spinner}</div> : spinner;
}
