import { zodResolver } from "@hookform/resolvers/zod";
import type { TFunction } from "i18next";
import { type ReactNode, useRef, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Receipt } from "../../../components/receipt";
import { AmountInput } from "../../../components/ui/amount-input";
import { Button, ButtonLink } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { CardNumberInput } from "../../../components/ui/card-number-input";
import { EmptyState } from "../../../components/ui/empty-state";
import { InlineError } from "../../../components/ui/error-state";
import { Input } from "../../../components/ui/input";
import { Money } from "../../../components/ui/money";
import { Spinner } from "../../../components/ui/spinner";
import { useCardLookup } from "../../../lib/api/card-lookup";
import type { BankCard, Transaction } from "../../../lib/api/client";
import { isProblem } from "../../../lib/api/problem";
import {
  displayCardNumber,
  isValidCardNumber,
  maskCardNumber,
  normalizeCardNumber,
} from "../../../lib/card";
import { formatBasisPoints, formatSom } from "../../../lib/money";
import type { RoleTerms } from "../../../lib/terms";
import { amountSchema, cardNumberSchema } from "../../../lib/validation";
import { type TransferInput, useCreateTransfer } from "../api/transfers";
import { FromCardPicker } from "./from-card-picker";
import { quoteTransfer } from "./transfer-math";

const sendSchema = z.object({
  from_card_id: z.string().min(1, "validation.required"),
  to_card_number: cardNumberSchema,
  amount: amountSchema,
  description: z.string().trim().max(255, "validation.description"),
});
type SendValues = z.infer<typeof sendSchema>;

/** One payment attempt: its payload and the Idempotency-Key every retry of it reuses. */
interface Attempt {
  key: string;
  body: TransferInput;
  receiver: { card_number: string; owner_name: string };
  fromCard: BankCard;
  commission: string;
  total: string;
}

type Step =
  | { name: "form" }
  | { name: "confirm"; attempt: Attempt }
  | { name: "receipt"; receipt: Transaction };

/**
 * Send money: pick an active card, type the receiver's number (the masked owner
 * name comes from the lookup), see the commission and total live under the
 * sender's served terms, confirm, get the receipt. `receiverPicker` lets the page
 * offer other ways to fill the receiver's number (saved cards) without this
 * feature importing another one.
 */
export function SendMoney({
  cards,
  terms,
  receiverPicker,
  prefill,
}: {
  cards: BankCard[];
  terms: RoleTerms;
  receiverPicker?: (pick: (cardNumber: string) => void) => ReactNode;
  /** A payment to make again: the form starts filled, and nothing is sent before the confirm. */
  prefill?: TransferPrefill;
}) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ name: "form" });
  const activeCards = cards.filter((card) => card.status === "active");
  const [draft, setDraft] = useState<SendValues | undefined>(() =>
    prefill ? prefilledValues(prefill, activeCards) : undefined,
  );
  const transfer = useCreateTransfer();
  // Set before the request leaves, so a second click in the same instant (before the
  // button re-renders as busy) sends nothing.
  const sending = useRef(false);

  if (activeCards.length === 0 && step.name === "form") {
    return (
      <EmptyState
        title={t("transfer.noActiveCard")}
        text={t("transfer.noActiveCardText")}
        action={<ButtonLink to="/cards">{t("nav.cards")}</ButtonLink>}
      />
    );
  }

  if (step.name === "receipt") {
    return (
      <div className="stack">
        <h2 className="success-title">{t("transfer.sent")}</h2>
        <Receipt transaction={step.receipt} direction="out" />
        <div className="row">
          <Button
            onClick={() => {
              setDraft(undefined);
              transfer.reset();
              setStep({ name: "form" });
            }}
          >
            {t("transfer.another")}
          </Button>
          <ButtonLink to={`/history/${step.receipt.id}`} variant="secondary">
            {t("transfer.openReceipt")}
          </ButtonLink>
        </div>
      </div>
    );
  }

  if (step.name === "confirm") {
    const { attempt } = step;
    const send = () => {
      if (sending.current) return;
      sending.current = true;
      transfer.mutate(
        { body: attempt.body, idempotencyKey: attempt.key },
        {
          onSuccess: (receipt) => setStep({ name: "receipt", receipt }),
          onSettled: () => {
            sending.current = false;
          },
        },
      );
    };
    const error = transfer.error;
    // A lost or failed response may be retried as the same attempt (same key: the
    // server replays instead of paying twice); a refusal needs the form changed.
    const retryable = error !== null && (!isProblem(error) || error.transient);
    return (
      <Card title={t("transfer.confirmTitle")}>
        <dl className="facts">
          <div>
            <dt>{t("transfer.from")}</dt>
            <dd className="mono card-number">{maskCardNumber(attempt.fromCard.card_number)}</dd>
          </div>
          <div>
            <dt>{t("transfer.to")}</dt>
            <dd>
              <span className="mono card-number">
                {displayCardNumber(attempt.receiver.card_number)}
              </span>
              <strong data-testid="confirm-owner">{attempt.receiver.owner_name}</strong>
            </dd>
          </div>
          <div>
            <dt>{t("transfer.amount")}</dt>
            <dd>
              <Money value={attempt.body.amount} />
            </dd>
          </div>
          <div>
            <dt>{t("transfer.commission")}</dt>
            <dd>
              <Money value={attempt.commission} />
            </dd>
          </div>
          <div className="facts-total">
            <dt>{t("transfer.total")}</dt>
            <dd>
              <Money value={attempt.total} />
            </dd>
          </div>
          {attempt.body.description && (
            <div>
              <dt>{t("transfer.description")}</dt>
              <dd>{attempt.body.description}</dd>
            </div>
          )}
        </dl>
        {isProblem(error, "RECEIVER_CARD_NOT_FOUND") ? (
          <div className="alert alert-error" role="alert">
            {t("transfer.receiverUnavailable")}
          </div>
        ) : (
          <InlineError error={error} />
        )}
        <div className="row">
          <Button
            variant="ghost"
            disabled={transfer.isPending}
            onClick={() => {
              transfer.reset();
              setStep({ name: "form" });
            }}
          >
            {t("transfer.edit")}
          </Button>
          {(error === null || retryable) && (
            <Button loading={transfer.isPending} onClick={send}>
              {retryable ? t("common.retry") : t("transfer.send")}
            </Button>
          )}
        </div>
      </Card>
    );
  }

  return (
    <TransferForm
      cards={activeCards}
      ownCards={cards}
      terms={terms}
      receiverPicker={receiverPicker}
      defaultValues={draft}
      onContinue={(values, attempt) => {
        setDraft(values);
        transfer.reset();
        setStep({ name: "confirm", attempt });
      }}
    />
  );
}

export interface TransferPrefill {
  from_card_id: string;
  to_card_number: string;
  amount: string;
  description: string | null;
}

/** The form's values for a repeated payment: the same card if it can still pay, else the first active one. */
function prefilledValues(prefill: TransferPrefill, activeCards: BankCard[]): SendValues {
  const fromCard = activeCards.find((card) => card.id === prefill.from_card_id) ?? activeCards[0];
  return {
    from_card_id: fromCard?.id ?? "",
    to_card_number: normalizeCardNumber(prefill.to_card_number) ?? "",
    amount: prefill.amount,
    description: prefill.description ?? "",
  };
}

function TransferForm({
  cards,
  ownCards,
  terms,
  receiverPicker,
  defaultValues,
  onContinue,
}: {
  cards: BankCard[];
  /** All of the user's cards, active or not: a number of their own is named with its state. */
  ownCards: BankCard[];
  terms: RoleTerms;
  receiverPicker?: (pick: (cardNumber: string) => void) => ReactNode;
  defaultValues?: SendValues;
  onContinue: (values: SendValues, attempt: Attempt) => void;
}) {
  const { t, i18n } = useTranslation();
  const {
    register,
    control,
    handleSubmit,
    watch,
    setValue,
    formState: { errors, isSubmitted },
  } = useForm<SendValues>({
    resolver: zodResolver(sendSchema),
    defaultValues: defaultValues ?? {
      from_card_id: cards[0]?.id ?? "",
      to_card_number: "",
      amount: "",
      description: "",
    },
  });
  const message = (key?: string) => (key ? t(key) : undefined);

  const fromCard = cards.find((card) => card.id === watch("from_card_id"));
  const typed = normalizeCardNumber(watch("to_card_number"));
  const receiverNumber = typed && isValidCardNumber(typed) ? typed : null;
  const sameCard = receiverNumber !== null && receiverNumber === fromCard?.card_number;
  // One's own card that cannot receive is known here: no lookup is asked for it.
  const ownInactive = ownCards.find(
    (card) => card.card_number === receiverNumber && card.status !== "active",
  );
  const lookup = useCardLookup(sameCard || ownInactive ? null : receiverNumber);
  const quote = quoteTransfer(watch("amount"), terms, fromCard?.balance);

  const submit = handleSubmit((values) => {
    if (!fromCard || !quote || quote.problem || sameCard || !lookup.data) return;
    const description = values.description.trim();
    onContinue(values, {
      key: crypto.randomUUID(),
      body: {
        from_card_id: fromCard.id,
        to_card_number: receiverNumber as string,
        amount: quote.amount,
        ...(description ? { description } : {}),
      },
      receiver: lookup.data,
      fromCard,
      commission: quote.commission,
      total: quote.total,
    });
  });

  return (
    <form className="form" noValidate onSubmit={submit}>
      <FromCardPicker
        label={t("transfer.from")}
        cards={cards}
        error={message(errors.from_card_id?.message)}
        field={register("from_card_id")}
      />

      {receiverPicker?.((number) =>
        setValue("to_card_number", number, { shouldValidate: isSubmitted, shouldDirty: true }),
      )}

      <div>
        <Controller
          name="to_card_number"
          control={control}
          render={({ field }) => (
            <CardNumberInput
              label={t("transfer.toNumber")}
              error={
                message(errors.to_card_number?.message) ??
                (sameCard ? t("transfer.sameCard") : undefined)
              }
              {...field}
            />
          )}
        />
        <div className="lookup" aria-live="polite" data-testid="lookup">
          {receiverNumber && !sameCard && lookup.isFetching && <Spinner size="sm" />}
          {lookup.data && !sameCard && (
            <span className="lookup-owner">
              {t("transfer.receiver")}: <strong>{lookup.data.owner_name}</strong>
            </span>
          )}
          {ownInactive && !sameCard ? (
            <span className="field-error">
              {t("transfer.ownCardCannotReceive", {
                number: maskCardNumber(ownInactive.card_number),
              })}
            </span>
          ) : (
            lookup.isError &&
            !sameCard && <span className="field-error">{receiverProblemText(lookup.error, t)}</span>
          )}
        </div>
      </div>

      <Controller
        name="amount"
        control={control}
        render={({ field }) => (
          <AmountInput
            label={t("transfer.amount")}
            hint={t("transfer.limits", {
              min: formatSom(terms.min_amount, t("currency")),
              max: formatSom(terms.max_amount, t("currency")),
            })}
            error={
              message(errors.amount?.message) ?? (quote?.problem ? t(quote.problem) : undefined)
            }
            {...field}
          />
        )}
      />

      <Input
        label={t("transfer.description")}
        maxLength={255}
        autoComplete="off"
        error={message(errors.description?.message)}
        {...register("description")}
      />

      <dl className="quote" aria-live="polite" data-testid="quote">
        <div>
          <dt>{t("transfer.commission")}</dt>
          <dd>
            <Money value={quote?.commission ?? "0.00"} />
            <span className="muted small">
              {" "}
              ({formatBasisPoints(terms.commission_bp, i18n.language)})
            </span>
          </dd>
        </div>
        <div className="quote-total">
          <dt>{t("transfer.total")}</dt>
          <dd>
            <Money value={quote?.total ?? "0.00"} />
          </dd>
        </div>
      </dl>

      <Button
        type="submit"
        block
        disabled={sameCard || Boolean(quote?.problem) || (receiverNumber !== null && !lookup.data)}
      >
        {t("transfer.continue")}
      </Button>
    </form>
  );
}

/**
 * Why the typed receiver cannot be paid. For someone else's number the API gives
 * one answer whether the card does not exist or cannot receive (frozen, blocked,
 * closed, expired), so nobody learns the state of another person's card; the
 * text says both. (One's own inactive card is named before any lookup.)
 */
function receiverProblemText(error: unknown, t: TFunction): string {
  if (!isProblem(error, "RECEIVER_CARD_NOT_FOUND")) {
    return isProblem(error) ? error.detail : t("errors.unknown");
  }
  return t("transfer.receiverUnavailable");
}
