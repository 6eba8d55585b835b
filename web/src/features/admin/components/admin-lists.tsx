import { type ReactNode, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/empty-state";
import { ErrorState, InlineError } from "../../../components/ui/error-state";
import { Input, Select } from "../../../components/ui/input";
import { Modal } from "../../../components/ui/modal";
import { Money } from "../../../components/ui/money";
import { Spinner } from "../../../components/ui/spinner";
import type { BankCard, User } from "../../../lib/api/client";
import { formatCardNumber, maskCardNumber } from "../../../lib/card";
import { formatDateTime } from "../../../lib/dates";
import {
  type CardSearch,
  FREEZE_REASONS,
  type FreezeReason,
  type UserSearch,
  useAdminCards,
  useAdminTransactions,
  useAdminUsers,
  useAuditLog,
  useSetCardStatusAdmin,
  useSetUserRole,
  useVerifyAll,
  useVerifyCard,
} from "../api/admin";

/** The value once it has stopped changing for `ms` (compared by content, not identity). */
function useDebounced<T>(value: T, ms = 300): T {
  const key = JSON.stringify(value);
  const [debounced, setDebounced] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(key), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return JSON.parse(debounced) as T;
}

/**
 * Text filters of a paged list: changing any of them goes back to page 1.
 * `bind(name)` gives an input its value and onChange.
 */
function usePagedFilters<K extends string>(initial: Record<K, string>) {
  const [filters, setFilters] = useState(initial);
  const [page, setPage] = useState(1);
  const bind = (name: K) => ({
    value: filters[name],
    onChange: (event: { target: { value: string } }) => {
      setFilters((current) => ({ ...current, [name]: event.target.value }));
      setPage(1);
    },
  });
  return { filters, page, setPage, bind };
}

function Pager({
  page,
  totalPages,
  onPage,
}: {
  page: number;
  totalPages: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  if (totalPages <= 1) return null;
  return (
    <nav className="pager" aria-label={t("admin.pages")}>
      <Button variant="ghost" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t("admin.prev")}
      </Button>
      <span className="muted small">{t("admin.pageOf", { page, total: totalPages })}</span>
      <Button
        variant="ghost"
        size="sm"
        disabled={page >= totalPages}
        onClick={() => onPage(page + 1)}
      >
        {t("admin.next")}
      </Button>
    </nav>
  );
}

/** Loading, error and empty states around a list. */
function ListState<T>({
  query,
  items,
  render,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  items: T[] | undefined;
  render: (items: T[]) => ReactNode;
}) {
  const { t } = useTranslation();
  if (query.isPending) return <Spinner />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (!items || items.length === 0) return <EmptyState title={t("admin.nothing")} />;
  return <>{render(items)}</>;
}

// ---------- users ----------

export function AdminUsers() {
  const { t } = useTranslation();
  const { filters, page, setPage, bind } = usePagedFilters({ name: "", phone: "", role: "" });
  const { name, phone, role } = filters;
  const search: UserSearch = useDebounced({
    ...(name.trim().length >= 1 ? { search_name: name.trim() } : {}),
    ...(phone.trim().length >= 1 ? { search_number: phone.trim() } : {}),
    ...(role ? { search_role: role as UserSearch["search_role"] } : {}),
  });
  const users = useAdminUsers(search, page);
  const setRoleMutation = useSetUserRole();

  return (
    <Card title={t("admin.users")}>
      <search className="filters-grid">
        <Input label={t("auth.fullName")} type="search" {...bind("name")} />
        <Input label={t("auth.phone")} type="search" inputMode="tel" {...bind("phone")} />
        <Select label={t("profile.role")} {...bind("role")}>
          <option value="">{t("history.all")}</option>
          <option value="user">{t("role.user")}</option>
          <option value="premium">{t("role.premium")}</option>
          <option value="admin">{t("role.admin")}</option>
        </Select>
      </search>
      <InlineError error={setRoleMutation.error} />
      <ListState
        query={users}
        items={users.data?.data}
        render={(items: User[]) => (
          <ul className="admin-list" aria-busy={users.isFetching || undefined}>
            {items.map((user) => (
              <li key={user.id} className="admin-row" data-testid="admin-user">
                <div className="admin-main">
                  <span className="admin-title">{user.full_name}</span>
                  <span className="small">{user.phone_number}</span>
                  <span className="muted small">{t(`role.${user.role}`)}</span>
                </div>
                {user.role !== "admin" && (
                  <div className="admin-actions">
                    <Button
                      variant="secondary"
                      size="sm"
                      loading={
                        setRoleMutation.isPending && setRoleMutation.variables?.id === user.id
                      }
                      aria-label={
                        user.role === "user"
                          ? t("admin.makePremiumLabel", { name: user.full_name })
                          : t("admin.makeUserLabel", { name: user.full_name })
                      }
                      onClick={() =>
                        setRoleMutation.mutate({
                          id: user.id,
                          action: user.role === "user" ? "premium" : "user",
                        })
                      }
                    >
                      {user.role === "user" ? t("admin.makePremium") : t("admin.makeUser")}
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      />
      <Pager page={page} totalPages={users.data?.total_pages ?? 1} onPage={setPage} />
    </Card>
  );
}

// ---------- cards ----------

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

// ---------- transactions ----------

export function AdminTransactions() {
  const { t, i18n } = useTranslation();
  const { filters, page, setPage, bind } = usePagedFilters({ number: "" });
  const digits = useDebounced(filters.number.replace(/\s/g, ""));
  const transactions = useAdminTransactions(digits || undefined, page);
  return (
    <Card title={t("admin.transactions")}>
      <Input label={t("admin.toCard")} type="search" inputMode="numeric" {...bind("number")} />
      <ListState
        query={transactions}
        items={transactions.data?.data}
        render={(items) => (
          <ul className="admin-list" aria-busy={transactions.isFetching || undefined}>
            {items.map((tx) => (
              <li key={tx.id} className="admin-row" data-testid="admin-tx">
                <div className="admin-main">
                  <span className="admin-title">
                    {t(`type.${tx.type}`)} · {t(`status.${tx.status}`)}
                  </span>
                  <span className="small">
                    {tx.from_card ? `${tx.from_card.owner_name} → ` : ""}
                    {tx.to_card.owner_name}
                  </span>
                  <span className="muted small">
                    {formatDateTime(tx.created_at, i18n.language)}
                  </span>
                </div>
                <div className="admin-main">
                  <Money value={tx.amount} />
                  {tx.commission !== "0.00" && (
                    <span className="muted small">
                      {t("admin.commission")}: <Money value={tx.commission} />
                    </span>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      />
      <Pager page={page} totalPages={transactions.data?.total_pages ?? 1} onPage={setPage} />
    </Card>
  );
}

// ---------- ledger ----------

export function AdminLedger() {
  const { t } = useTranslation();
  const verify = useVerifyAll();
  const result = verify.data;
  const allOk =
    result !== undefined &&
    result.total_invalid_cards === 0 &&
    result.treasury_ok &&
    /^-?0(\.0+)?$/.test(result.ledger_sum);
  return (
    <Card
      title={t("admin.ledger")}
      actions={
        <Button size="sm" loading={verify.isFetching} onClick={() => verify.refetch()}>
          {t("admin.verifyAll")}
        </Button>
      }
    >
      <p className="muted small">{t("admin.ledgerText")}</p>
      {verify.isError && <ErrorState error={verify.error} onRetry={() => verify.refetch()} />}
      {result && (
        <div className="stack" data-testid="verify-all">
          <div className={allOk ? "alert alert-success" : "alert alert-error"} role="status">
            {allOk ? t("admin.allOk") : t("admin.notOk")}
          </div>
          <dl className="facts">
            <div>
              <dt>{t("admin.cardsChecked")}</dt>
              <dd>{result.total_cards}</dd>
            </div>
            <div>
              <dt>{t("admin.validCards")}</dt>
              <dd className="ok">{result.total_valid_cards}</dd>
            </div>
            <div>
              <dt>{t("admin.invalidCards")}</dt>
              <dd className={result.total_invalid_cards ? "bad" : undefined}>
                {result.total_invalid_cards}
              </dd>
            </div>
            <div>
              <dt>{t("admin.ledgerSum")}</dt>
              <dd className="mono">{result.ledger_sum}</dd>
            </div>
            <div>
              <dt>{t("admin.treasury")}</dt>
              <dd className={result.treasury_ok ? "ok" : "bad"}>
                {result.treasury_ok ? "OK" : t("admin.error")}
              </dd>
            </div>
          </dl>
          {result.bug_details.length > 0 && (
            <ul className="admin-list">
              {result.bug_details.map((bug) => (
                <li key={bug.card_number} className="admin-row">
                  <span className="mono">{formatCardNumber(bug.card_number)}</span>
                  <span className="bad">
                    {bug.stored_balance} / {bug.calculated_balance} ({bug.difference})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Card>
  );
}

// ---------- audit log ----------

export function AdminAudit() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const log = useAuditLog(page);
  return (
    <Card title={t("admin.audit")}>
      <ListState
        query={log}
        items={log.data?.data}
        render={(items) => (
          <ul className="admin-list" aria-busy={log.isFetching || undefined}>
            {items.map((entry) => (
              <li key={entry.id} className="admin-row" data-testid="audit-entry">
                <div className="admin-main">
                  <span className="admin-title mono">{entry.action}</span>
                  <span className="small">
                    {entry.actor.full_name} · {entry.entity_type} {entry.entity_id.slice(0, 8)}
                  </span>
                  <span className="muted small">
                    {formatDateTime(entry.created_at, i18n.language)}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      />
      <Pager page={page} totalPages={log.data?.total_pages ?? 1} onPage={setPage} />
    </Card>
  );
}
