import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AmountInput } from "../../../components/ui/amount-input";
import { Button, ButtonLink } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { EmptyState } from "../../../components/ui/empty-state";
import { InlineError } from "../../../components/ui/error-state";
import { Input, Select } from "../../../components/ui/input";
import type { BankCard } from "../../../lib/api/client";
import { maskCardNumber } from "../../../lib/card";
import { parseAmountInput } from "../../../lib/money";
import { type PaymentRequest, useCreatePaymentRequest } from "../api/payment-requests";

/** The expiry choices, in hours (the API takes 1–720, 72 when not given). */
const EXPIRIES = [24, 72, 168, 720] as const;

/**
 * A new request: the card the money goes to, an amount (empty: the payer
 * chooses), a note and how long the link stays payable. Nothing moves here.
 */
export function RequestForm({
  cards,
  onCreated,
}: {
  cards: BankCard[];
  onCreated: (request: PaymentRequest) => void;
}) {
  const { t } = useTranslation();
  const active = cards.filter((card) => card.status === "active");
  const [cardId, setCardId] = useState(active[0]?.id ?? "");
  const [amount, setAmount] = useState("");
  const [description, setDescription] = useState("");
  const [hours, setHours] = useState<number>(72);
  const [submitted, setSubmitted] = useState(false);
  const create = useCreatePaymentRequest();

  if (active.length === 0) {
    return (
      <Card title={t("paymentRequests.newTitle")}>
        <EmptyState
          title={t("transfer.noActiveCard")}
          text={t("paymentRequests.noActiveCardText")}
          action={<ButtonLink to="/cards">{t("nav.cards")}</ButtonLink>}
        />
      </Card>
    );
  }

  const wire = amount.trim() === "" ? undefined : parseAmountInput(amount);
  const amountError = submitted && wire === null ? t("validation.amount") : undefined;
  const descriptionError =
    description.trim().length > 255 ? t("validation.description") : undefined;

  return (
    <Card title={t("paymentRequests.newTitle")}>
      <form
        className="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSubmitted(true);
          if (wire === null || descriptionError || !cardId || create.isPending) return;
          const note = description.trim();
          create.mutate(
            {
              to_card_id: cardId,
              expires_in_hours: hours,
              ...(wire ? { amount: wire } : {}),
              ...(note ? { description: note } : {}),
            },
            {
              onSuccess: (created) => {
                setAmount("");
                setDescription("");
                setSubmitted(false);
                onCreated(created);
              },
            },
          );
        }}
      >
        <Select
          label={t("paymentRequests.toCard")}
          value={cardId}
          onChange={(event) => setCardId(event.target.value)}
        >
          {active.map((card) => (
            <option key={card.id} value={card.id}>
              {maskCardNumber(card.card_number)}
            </option>
          ))}
        </Select>
        <AmountInput
          label={t("paymentRequests.amount")}
          hint={t("paymentRequests.amountHint")}
          value={amount}
          onChange={setAmount}
          error={amountError}
        />
        <Input
          label={t("paymentRequests.description")}
          maxLength={255}
          autoComplete="off"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          error={descriptionError}
        />
        <Select
          label={t("paymentRequests.expiresIn")}
          value={String(hours)}
          onChange={(event) => setHours(Number(event.target.value))}
        >
          {EXPIRIES.map((option) => (
            <option key={option} value={option}>
              {t(`paymentRequests.expiry_${option}`)}
            </option>
          ))}
        </Select>
        <InlineError error={create.error} />
        <Button type="submit" block loading={create.isPending}>
          {t("paymentRequests.create")}
        </Button>
      </form>
    </Card>
  );
}
