import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { InlineError } from "../../../components/ui/error-state";
import { Input, Select } from "../../../components/ui/input";
import { ConfirmDialog, Modal } from "../../../components/ui/modal";
import { Money } from "../../../components/ui/money";
import type { BankCard } from "../../../lib/api/client";
import { formatCardNumber, maskCardNumber } from "../../../lib/card";
import { formatDay } from "../../../lib/dates";
import { formatSom } from "../../../lib/money";
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
 * What an admin may do with a card from its row: block an active card or one its
 * owner or the plan's limit froze (asking for a reason), activate a frozen one.
 * Closing is final and lives in the card's manage view.
 */
function statusActions(card: BankCard): ("active" | "block")[] {
  switch (card.status) {
    case "active":
      return ["block"];
    case "frozen":
      return card.frozen_by === "bank" ? ["active"] : ["active", "block"];
    case "expired":
    case "closed":
      return [];
  }
}

const isZero = (balance: string) => !/[1-9]/.test(balance);

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

/** How a card is named in every question about it: masked number and its owner. */
const cardName = (card: BankCard) => ({
  number: maskCardNumber(card.card_number),
  owner: card.owner_name,
});

/** Asks for the reason before the bank blocks a card; the owner is shown that reason. */
function BlockCardDialog({
  card,
  loading,
  error,
  onBlock,
  onCancel,
}: {
  card: BankCard;
  loading: boolean;
  error: unknown;
  onBlock: (reason: FreezeReason) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<FreezeReason | "">("");
  return (
    <Modal
      open
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
        <p>{t("admin.blockText", cardName(card))}</p>
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

/**
 * A card's details and its one final action: closing. Only an empty card can be
 * closed (the API answers CARD_HAS_BALANCE otherwise), so the action says why it
 * is unavailable instead of failing.
 */
function ManageCardDialog({
  card,
  onClose,
  onCloseCard,
}: {
  card: BankCard;
  onClose: () => void;
  onCloseCard: () => void;
}) {
  const { t, i18n } = useTranslation();
  const statusText = useStatusText();
  const closable = card.status !== "closed" && isZero(card.balance);
  return (
    <Modal
      open
      title={t("admin.manageTitle", { number: maskCardNumber(card.card_number) })}
      onClose={onClose}
      footer={
        <Button variant="ghost" onClick={onClose}>
          {t("admin.done")}
        </Button>
      }
    >
      <div className="stack">
        <dl className="facts">
          <div>
            <dt>{t("admin.toCard")}</dt>
            <dd className="mono">{formatCardNumber(card.card_number)}</dd>
          </div>
          <div>
            <dt>{t("savedCards.owner")}</dt>
            <dd>{card.owner_name}</dd>
          </div>
          <div>
            <dt>{t("admin.status")}</dt>
            <dd>{statusText(card)}</dd>
          </div>
          <div>
            <dt>{t("admin.balance")}</dt>
            <dd>
              <Money value={card.balance} />
            </dd>
          </div>
          <div>
            <dt>{t("admin.expiry")}</dt>
            <dd>{formatDay(card.expiry_date, i18n.language)}</dd>
          </div>
        </dl>
        {card.status !== "closed" && (
          <section className="admin-danger" aria-labelledby="admin-danger-title">
            <h3 id="admin-danger-title" className="admin-danger-title">
              {t("admin.dangerZone")}
            </h3>
            <p className="small">
              {closable
                ? t("admin.closeHint")
                : t("admin.closeNeedsZero", { balance: formatSom(card.balance, t("currency")) })}
            </p>
            <Button variant="danger" disabled={!closable} onClick={onCloseCard}>
              {t("admin.closeCard")}
            </Button>
          </section>
        )}
      </div>
    </Modal>
  );
}

type CardAction = { kind: "manage" | "block" | "active" | "closed"; card: BankCard };

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
  // One dialog at a time: every question names its card, and cancelling changes nothing.
  const [action, setAction] = useState<CardAction | null>(null);
  const open = (kind: CardAction["kind"], card: BankCard) => {
    setStatus.reset();
    setAction({ kind, card });
  };
  const dismiss = () => {
    if (!setStatus.isPending) setAction(null);
  };
  const apply = (card: BankCard, status: "active" | "frozen" | "closed", reason?: FreezeReason) =>
    setStatus.mutate(
      { id: card.id, status, ...(reason ? { reason } : {}) },
      { onSuccess: () => setAction(null) },
    );

  return (
    <Card title={t("admin.cards")}>
      <search className="filters-grid">
        <Input label={t("savedCards.owner")} type="search" {...bind("owner")} />
        <Input label={t("admin.toCard")} type="search" inputMode="numeric" {...bind("number")} />
      </search>
      <InlineError error={verify.error} />
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
                  {statusActions(card).map((kind) => (
                    <Button
                      key={kind}
                      variant="secondary"
                      size="sm"
                      aria-label={t(kind === "block" ? "admin.blockLabel" : "admin.activateLabel", {
                        number: maskCardNumber(card.card_number),
                      })}
                      onClick={() => open(kind, card)}
                    >
                      {kind === "block" ? t("admin.block") : t("admin.setStatus.active")}
                    </Button>
                  ))}
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={t("admin.manageLabel", {
                      number: maskCardNumber(card.card_number),
                    })}
                    onClick={() => open("manage", card)}
                  >
                    {t("admin.manage")}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      />
      <Pager page={page} totalPages={cards.data?.total_pages ?? 1} onPage={setPage} />
      {action?.kind === "block" && (
        <BlockCardDialog
          card={action.card}
          loading={setStatus.isPending}
          error={setStatus.error}
          onBlock={(reason) => apply(action.card, "frozen", reason)}
          onCancel={dismiss}
        />
      )}
      {action?.kind === "manage" && (
        <ManageCardDialog
          card={action.card}
          onClose={dismiss}
          onCloseCard={() => open("closed", action.card)}
        />
      )}
      {(action?.kind === "active" || action?.kind === "closed") && (
        <ConfirmDialog
          open
          title={t(action.kind === "active" ? "admin.activateTitle" : "admin.closeTitle")}
          text={
            <div className="stack">
              <p>
                {t(
                  action.kind === "active" ? "admin.activateText" : "admin.closeText",
                  cardName(action.card),
                )}
              </p>
              <InlineError error={setStatus.error} />
            </div>
          }
          confirmLabel={t(action.kind === "active" ? "admin.setStatus.active" : "admin.closeCard")}
          danger={action.kind === "closed"}
          loading={setStatus.isPending}
          onConfirm={() => apply(action.card, action.kind === "active" ? "active" : "closed")}
          onCancel={dismiss}
        />
      )}
    </Card>
  );
}
