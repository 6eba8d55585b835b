import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { CardNumberInput } from "../../../components/ui/card-number-input";
import { InlineError } from "../../../components/ui/error-state";
import { Input } from "../../../components/ui/input";
import { Spinner } from "../../../components/ui/spinner";
import { useCardLookup } from "../../../lib/api/card-lookup";
import { ApiProblem, isProblem } from "../../../lib/api/problem";
import { isValidCardNumber, normalizeCardNumber } from "../../../lib/card";
import { cardNumberSchema } from "../../../lib/validation";
import { useSaveCard } from "../api/saved-cards";

const addSchema = z.object({
  card_number: cardNumberSchema,
  alias: z.string().trim().min(1, "savedCards.aliasRule").max(50, "savedCards.aliasRule"),
  card_holder_name: z.string().trim().max(100, "savedCards.holderRule"),
});
type AddValues = z.infer<typeof addSchema>;

/**
 * Save a card: its number (spaces allowed), an alias, and the holder's name only
 * for a number that is not an active Cho'ntak card (the server stores the masked
 * owner name for its own cards and answers 422 on `card_holder_name` otherwise).
 */
export function AddSavedCard({ onSaved }: { onSaved?: () => void }) {
  const { t } = useTranslation();
  const save = useSaveCard();
  const {
    register,
    control,
    handleSubmit,
    watch,
    reset,
    formState: { errors },
  } = useForm<AddValues>({
    resolver: zodResolver(addSchema),
    defaultValues: { card_number: "", alias: "", card_holder_name: "" },
  });
  const typed = normalizeCardNumber(watch("card_number"));
  const number = typed && isValidCardNumber(typed) ? typed : null;
  const lookup = useCardLookup(number);
  const notChontak = number !== null && isProblem(lookup.error) && lookup.error.status === 404;
  const message = (key?: string) => (key ? t(key) : undefined);
  const serverField = (path: string) =>
    save.error instanceof ApiProblem
      ? save.error.errors.some((error) => error.path === path)
      : false;
  const holderMissing = serverField("card_holder_name");
  // The outcome of the last save is news only until the user edits the form again.
  const { reset: clearOutcome } = save;
  useEffect(() => {
    const subscription = watch((_, { name }) => {
      if (name) clearOutcome();
    });
    return () => subscription.unsubscribe();
  }, [watch, clearOutcome]);

  const submit = handleSubmit((values) => {
    const holder = values.card_holder_name.trim();
    save.mutate(
      {
        card_number: values.card_number,
        alias: values.alias.trim(),
        ...(holder && !lookup.data ? { card_holder_name: holder } : {}),
      },
      {
        onSuccess: () => {
          reset();
          onSaved?.();
        },
      },
    );
  });

  return (
    <Card title={t("savedCards.add")}>
      <form className="form" noValidate onSubmit={submit}>
        <div>
          <Controller
            name="card_number"
            control={control}
            render={({ field }) => (
              <CardNumberInput
                label={t("savedCards.number")}
                error={message(errors.card_number?.message)}
                {...field}
              />
            )}
          />
          <div className="lookup" aria-live="polite" data-testid="saved-lookup">
            {number && lookup.isFetching && <Spinner size="sm" />}
            {number && lookup.data && (
              <span className="lookup-owner">
                {t("transfer.receiver")}: <strong>{lookup.data.owner_name}</strong>
              </span>
            )}
          </div>
        </div>
        <Input
          label={t("savedCards.alias")}
          maxLength={50}
          autoComplete="off"
          error={
            message(errors.alias?.message) ??
            (serverField("alias") ? t("savedCards.aliasRule") : undefined)
          }
          {...register("alias")}
        />
        {(notChontak || holderMissing) && (
          <Input
            label={t("savedCards.holder")}
            maxLength={100}
            autoComplete="off"
            hint={t("savedCards.holderHint")}
            error={
              message(errors.card_holder_name?.message) ??
              (holderMissing ? t("savedCards.holderRule") : undefined)
            }
            {...register("card_holder_name")}
          />
        )}
        <InlineError error={save.error} />
        {save.isSuccess && (
          <div className="alert alert-success" role="status">
            {t("savedCards.saved")}
          </div>
        )}
        <Button type="submit" loading={save.isPending}>
          {t("savedCards.save")}
        </Button>
      </form>
    </Card>
  );
}
