import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { InlineError } from "../../../components/ui/error-state";
import { Input, Select } from "../../../components/ui/input";
import { Modal } from "../../../components/ui/modal";
import { Money } from "../../../components/ui/money";
import type { BankCard } from "../../../lib/api/client";
import { formatCardNumber, maskCardNumber } from "../../../lib/card";
import { useDebounced } from "../../../lib/use-debounced";
import {
  type CardSearch,
  FREEZE_REASONS,
  type FreezeReason,
  useAdminCards,
  useSetCardStatusAdmin,
  useVerifyCard,
} from "../api/admin";
import { ListState, Pager, usePagedFilters } from "./admin-list-parts";

/**
 * What an admin may do with a card: block an active card or one its owner or the
 * plan's limit froze (asking for a reason), activate a frozen one, close any
 * card that is not closed yet.
 */
function statusActions(card: BankCard): ("active" | "block" | "closed")[] {
  switch (card.status) {
    case "active":
      return ["block", "closed"];
    case "frozen":
      return card.frozen_by === "bank" ? ["active", "closed"] : ["active", "block", "closed"];
    case "expired":
      return ["closed"];
    case "closed":
      return [];
  }
}

/** The status line of a card in the admin list: who froze it and, for the bank, why. */
function useStatusText() {
  const { t } = useTranslation();
  return (card: BankCard) => {
    const status = t(`cardStatus.${card.status}`);
    if (card.status !== "frozen" || !card.frozen_by) return status;
    const by = t(`admin.frozenBy.${card.frozen_by}`);
    const reason = card.freeze_reason ? `: ${t(`freezeReason.${card.freeze_reason}`)}` : "";
    return `${status} (${by}${reason})`;
  };
}

/** Asks for the reason before the bank blocks a card; the owner is shown that reason. */
function BlockCardDialog({
  card,
  loading,
  error,
  onBlock,
  onCancel,
}: {
  card: BankCard | null;
  loading: boolean;
  error: unknown;
  onBlock: (reason: FreezeReason) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<FreezeReason | "">("");
  useEffect(() => {
    if (card) setReason("");
  }, [card]);
  return (
    <Modal
      open={card !== null}
      title={t("admin.blockTitle")}
      onClose={onCancel}
      footer={
        <>
          <Button variant="ghost" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button
            variant="danger"
            loading={loading}
            disabled={!reason}
            onClick={() => reason && onBlock(reason)}
          >
            {t("admin.block")}
          </Button>
        </>
      }
    >
      <div className="stack">
        <p>{card && t("admin.blockText", { number: maskCardNumber(card.card_number) })}</p>
        <Select
          label={t("admin.blockReason")}
          value={reason}
          onChange={(event) => setReason(event.target.value as FreezeReason)}
        >
          <option value="" disabled>
            {t("admin.pickReason")}
          </option>
          {FREEZE_REASONS.map((code) => (
            <option key={code} value={code}>
              {t(`freezeReason.${code}`)}
            </option>
          ))}
        </Select>
        <InlineError error={error} />
      </div>
    </Modal>
  );
}

/** Cards by owner and number: verify one against its ledger, block, activate or close it. */
export function AdminCards() {
  const { t } = useTranslation();
  const { filters, page, setPage, bind } = usePagedFilters({ owner: "", number: "" });
  const { owner, number } = filters;
  const search: CardSearch = useDebounced({
    ...(owner.trim() ? { search_owner: owner.trim() } : {}),
    ...(number.replace(/\s/g, "") ? { search_card_number: number.replace(/\s/g, "") } : {}),
  });
  const cards = useAdminCards(search, page);
  const setStatus = useSetCardStatusAdmin();
  const verify = useVerifyCard();
  const statusText = useStatusText();
  const [blocking, setBlocking] = useState<BankCard | null>(null);

  return (
    <Card title={t("admin.cards")}>
      <search className="filters-grid">
        <Input label={t("savedCards.owner")} type="search" {...bind("owner")} />
        <Input label={t("admin.toCard")} type="search" inputMode="numeric" {...bind("number")} />
      </search>
      <InlineError error={(blocking ? null : setStatus.error) ?? verify.error} />
      {verify.data && (
        <div
          className={
            verify.data.audit.status === "OK" ? "alert alert-success" : "alert alert-error"
          }
          role="status"
          data-testid="verify-card"
        >
          {formatCardNumber(verify.data.card_info.number)}:{" "}
          {verify.data.audit.status === "OK"
            ? t("admin.balanceOk")
            : t("admin.balanceBad", { difference: verify.data.audit.difference })}
        </div>
      )}
      <ListState
        query={cards}
        items={cards.data?.data}
        render={(items: BankCard[]) => (
          <ul className="admin-list" aria-busy={cards.isFetching || undefined}>
            {items.map((card) => (
              <li key={card.id} className="admin-row" data-testid="admin-card">
                <div className="admin-main">
                  <span className="admin-title mono">{formatCardNumber(card.card_number)}</span>
                  <span className="small">{card.owner_name}</span>
                  <span className="muted small">
                    {statusText(card)} · <Money value={card.balance} />
                  </span>
                </div>
                <div className="admin-actions">
                  <Button
                    variant="ghost"
                    size="sm"
                    loading={verify.isPending && verify.variables === card.id}
                    onClick={() => verify.mutate(card.id)}
                  >
                    {t("admin.verify")}
                  </Button>
                  {statusActions(card).map((action) =>
                    action === "block" ? (
                      <Button
                        key={action}
                        variant="secondary"
                        size="sm"
                        aria-label={t("admin.blockLabel", {
                          number: maskCardNumber(card.card_number),
                        })}
                        onClick={() => {
                          setStatus.reset();
                          setBlocking(card);
                        }}
                      >
                        {t("admin.block")}
                      </Button>
                    ) : (
                      <Button
                        key={action}
                        variant={action === "closed" ? "danger" : "secondary"}
                        size="sm"
                        loading={
                          setStatus.isPending &&
                          setStatus.variables?.id === card.id &&
                          setStatus.variables.status === action
                        }
                        onClick={() => setStatus.mutate({ id: card.id, status: action })}
                      >
                        {t(`admin.setStatus.${action}`)}
                      </Button>
                    ),
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      />
      <Pager page={page} totalPages={cards.data?.total_pages ?? 1} onPage={setPage} />
      <BlockCardDialog
        card={blocking}
        loading={setStatus.isPending}
        error={blocking ? setStatus.error : null}
        onBlock={(reason) =>
          blocking &&
          setStatus.mutate(
            { id: blocking.id, status: "frozen", reason },
            { onSuccess: () => setBlocking(null) },
          )
        }
        onCancel={() => setBlocking(null)}
      />
    </Card>
  );
}
