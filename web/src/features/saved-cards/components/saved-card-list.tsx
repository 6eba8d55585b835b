import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/empty-state";
import { ErrorState, InlineError } from "../../../components/ui/error-state";
import { Input, Select } from "../../../components/ui/input";
import { ConfirmDialog } from "../../../components/ui/modal";
import { Spinner } from "../../../components/ui/spinner";
import type { Schemas } from "../../../lib/api/client";
import { displayCardNumber } from "../../../lib/card";
import { useDebounced } from "../../../lib/use-debounced";
import {
  type SavedCardSearch,
  useDeleteSavedCard,
  useRenameSavedCard,
  useSavedCards,
} from "../api/saved-cards";

type SavedCard = Schemas["SavedCard"];
type SearchField = "number" | "alias" | "owner";

/** The API's minimum lengths: number ≥ 4 digits, alias and owner ≥ 2 characters. */
const MIN_LENGTH: Record<SearchField, number> = { number: 4, alias: 2, owner: 2 };

function toSearch(field: SearchField, text: string): SavedCardSearch | null {
  const value = field === "number" ? text.replace(/[\s-]/g, "") : text.trim();
  if (value.length === 0) return {};
  if (value.length < MIN_LENGTH[field]) return null;
  return { [`search_${field}`]: value };
}

export function SavedCardList() {
  const { t } = useTranslation();
  const [field, setField] = useState<SearchField>("alias");
  const [text, setText] = useState("");
  const wanted = toSearch(field, text);
  const [applied, setApplied] = useState<SavedCardSearch>({});
  const debounced = useDebounced(wanted, 300);
  const debouncedKey = JSON.stringify(debounced);
  useEffect(() => {
    const next = JSON.parse(debouncedKey) as SavedCardSearch | null;
    if (next) setApplied(next);
  }, [debouncedKey]);
  const list = useSavedCards(applied);
  const [deleting, setDeleting] = useState<SavedCard | null>(null);
  const remove = useDeleteSavedCard();
  const searching = Object.keys(applied).length > 0;
  // Searching needs something to search: with no saved cards the field is not offered.
  const searchable = searching || text !== "" || (list.data?.data.length ?? 0) > 0;

  return (
    <Card title={t("savedCards.title")}>
      {searchable && (
        <search className="search-bar">
          <Select
            label={t("savedCards.searchBy")}
            value={field}
            onChange={(event) => setField(event.target.value as SearchField)}
          >
            <option value="alias">{t("savedCards.alias")}</option>
            <option value="number">{t("savedCards.number")}</option>
            <option value="owner">{t("savedCards.owner")}</option>
          </Select>
          <Input
            label={t("savedCards.search")}
            type="search"
            autoComplete="off"
            value={text}
            onChange={(event) => setText(event.target.value)}
            hint={wanted === null ? t(`savedCards.searchMin_${field}`) : undefined}
          />
        </search>
      )}
      {list.isPending ? (
        <Spinner />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState
          title={searching ? t("savedCards.noMatches") : t("savedCards.emptyTitle")}
          text={searching ? undefined : t("savedCards.emptyText")}
        />
      ) : (
        <ul className="saved-list" aria-busy={list.isFetching || undefined}>
          {list.data.data.map((card) => (
            <SavedCardRow key={card.id} card={card} onDelete={() => setDeleting(card)} />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={t("savedCards.deleteTitle")}
        text={
          <>
            <p>
              {t("savedCards.deleteText", {
                alias: deleting?.alias ?? "",
                number: deleting ? displayCardNumber(deleting.card_number ?? "") : "",
              })}
            </p>
            <InlineError error={remove.error} />
          </>
        }
        confirmLabel={t("savedCards.delete")}
        danger
        loading={remove.isPending}
        onConfirm={() =>
          deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })
        }
        onCancel={() => {
          remove.reset();
          setDeleting(null);
        }}
      />
    </Card>
  );
}

function SavedCardRow({ card, onDelete }: { card: SavedCard; onDelete: () => void }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [alias, setAlias] = useState(card.alias);
  const rename = useRenameSavedCard();
  const trimmed = alias.trim();
  const invalid = trimmed.length < 1 || trimmed.length > 50;

  return (
    <li className="saved-row" data-testid="saved-card">
      {editing ? (
        <form
          className="saved-edit"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (invalid) return;
            rename.mutate({ id: card.id, alias: trimmed }, { onSuccess: () => setEditing(false) });
          }}
        >
          <Input
            label={t("savedCards.newAlias")}
            maxLength={50}
            autoComplete="off"
            value={alias}
            onChange={(event) => setAlias(event.target.value)}
            error={invalid ? t("savedCards.aliasRule") : undefined}
          />
          <InlineError error={rename.error} />
          <div className="row">
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                rename.reset();
                setAlias(card.alias);
                setEditing(false);
              }}
            >
              {t("common.cancel")}
            </Button>
            <Button type="submit" size="sm" loading={rename.isPending} disabled={invalid}>
              {t("common.save")}
            </Button>
          </div>
        </form>
      ) : (
        <>
          <div className="saved-main">
            <span className="saved-alias">{card.alias}</span>
            <span className="mono small card-number">
              {displayCardNumber(card.card_number ?? "")}
            </span>
            <span className="muted small">{card.card_holder_name}</span>
          </div>
          <div className="saved-actions">
            <Button
              variant="ghost"
              size="sm"
              aria-label={t("savedCards.renameLabel", { alias: card.alias })}
              onClick={() => {
                // A new edit starts clean: no error left from an earlier attempt.
                rename.reset();
                setAlias(card.alias);
                setEditing(true);
              }}
            >
              {t("savedCards.rename")}
            </Button>
            <Button
              variant="ghost"
              size="sm"
              aria-label={t("savedCards.deleteLabel", { alias: card.alias })}
              onClick={onDelete}
            >
              {t("savedCards.delete")}
            </Button>
          </div>
        </>
      )}
    </li>
  );
}
