import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { InlineError } from "../../../components/ui/error-state";
import { Input } from "../../../components/ui/input";
import { ConfirmDialog, Modal } from "../../../components/ui/modal";
import { Money } from "../../../components/ui/money";
import { useUser } from "../../../lib/auth/auth";
import { maskCardNumber } from "../../../lib/card";
import { formatDateTime } from "../../../lib/dates";
import { formatSom } from "../../../lib/money";
import { type CashIn, useCashIns, useDecideCashIn } from "../api/admin";
import { ListState, Pager } from "./admin-list-parts";

/** How every question about a cash-in names it: amount, masked card, owner, creator. */
function useCashInName() {
  const { t } = useTranslation();
  return (cashIn: CashIn) => ({
    amount: formatSom(cashIn.amount, t("currency")),
    number: maskCardNumber(cashIn.to_card.card_number),
    owner: cashIn.to_card.owner_name,
    creator: cashIn.created_by.full_name,
  });
}

/** Asks for the reason before a cash-in is rejected; the reason is kept in the audit log. */
function RejectDialog({
  cashIn,
  loading,
  error,
  onReject,
  onCancel,
}: {
  cashIn: CashIn;
  loading: boolean;
  error: unknown;
  onReject: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const name = useCashInName();
  const [reason, setReason] = useState("");
  const trimmed = reason.trim();
  return (
    <Modal
      open
      title={t("admin.cashIns.rejectTitle")}
      onClose={onCancel}
      footer={
        <>
          <Button variant="ghost" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button
            variant="danger"
            loading={loading}
            disabled={!trimmed}
            onClick={() => trimmed && onReject(trimmed)}
          >
            {t("admin.cashIns.reject")}
          </Button>
        </>
      }
    >
      <div className="stack">
        <p>{t("admin.cashIns.rejectText", name(cashIn))}</p>
        <Input
          label={t("admin.cashIns.reason")}
          maxLength={255}
          autoComplete="off"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
        <InlineError error={error} />
      </div>
    </Modal>
  );
}

type Decision = { kind: "approve" | "reject"; cashIn: CashIn };

/**
 * The queue of cash-ins above the approval threshold, oldest first. Another
 * admin than the creator approves (the money then moves, once) or rejects with
 * a reason; one's own cash-in can only be withdrawn. Each question names the
 * amount, the card, its owner and who created it.
 */
export function PendingCashIns() {
  const { t, i18n } = useTranslation();
  const me = useUser().data;
  const [page, setPage] = useState(1);
  const queue = useCashIns("pending", page);
  const decide = useDecideCashIn();
  const name = useCashInName();
  const [decision, setDecision] = useState<Decision | null>(null);
  const open = (kind: Decision["kind"], cashIn: CashIn) => {
    decide.reset();
    setDecision({ kind, cashIn });
  };
  const dismiss = () => {
    if (!decide.isPending) setDecision(null);
  };

  return (
    <Card title={t("admin.cashIns.title")}>
      <p className="muted small">
        {queue.data &&
          t("admin.cashIns.rule", {
            threshold: formatSom(queue.data.approval_threshold, t("currency")),
          })}
      </p>
      <ListState
        query={queue}
        items={queue.data?.data}
        render={(items: CashIn[]) => (
          <ul className="admin-list" aria-busy={queue.isFetching || undefined}>
            {items.map((cashIn) => {
              const own = cashIn.created_by.id === me?.id;
              return (
                <li key={cashIn.id} className="admin-row" data-testid="pending-cash-in">
                  <div className="admin-main">
                    <span className="admin-title">
                      <Money value={cashIn.amount} />
                    </span>
                    <span className="small">
                      <span className="mono">{maskCardNumber(cashIn.to_card.card_number)}</span> ·{" "}
                      {cashIn.to_card.owner_name}
                    </span>
                    <span className="muted small">
                      {t("admin.cashIns.createdBy", {
                        creator: cashIn.created_by.full_name,
                        expires: formatDateTime(cashIn.expires_at, i18n.language),
                      })}
                    </span>
                    {own && <span className="muted small">{t("admin.cashIns.ownNote")}</span>}
                  </div>
                  <div className="admin-actions">
                    {!own && (
                      <Button
                        variant="secondary"
                        size="sm"
                        aria-label={t("admin.cashIns.approveLabel", name(cashIn))}
                        onClick={() => open("approve", cashIn)}
                      >
                        {t("admin.cashIns.approve")}
                      </Button>
                    )}
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={t("admin.cashIns.rejectLabel", name(cashIn))}
                      onClick={() => open("reject", cashIn)}
                    >
                      {t("admin.cashIns.reject")}
                    </Button>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      />
      <Pager page={page} totalPages={queue.data?.total_pages ?? 1} onPage={setPage} />
      {decision?.kind === "approve" && (
        <ConfirmDialog
          open
          title={t("admin.cashIns.approveTitle")}
          text={
            <div className="stack" data-testid="cash-in-approve-confirm">
              <p>{t("admin.cashIns.approveText", name(decision.cashIn))}</p>
              <InlineError error={decide.error} />
            </div>
          }
          confirmLabel={t("admin.cashIns.approve")}
          loading={decide.isPending}
          onConfirm={() =>
            decide.mutate(
              { id: decision.cashIn.id, approve: true },
              { onSuccess: () => setDecision(null) },
            )
          }
          onCancel={dismiss}
        />
      )}
      {decision?.kind === "reject" && (
        <RejectDialog
          cashIn={decision.cashIn}
          loading={decide.isPending}
          error={decide.error}
          onReject={(reason) =>
            decide.mutate(
              { id: decision.cashIn.id, reason },
              { onSuccess: () => setDecision(null) },
            )
          }
          onCancel={dismiss}
        />
      )}
    </Card>
  );
}
