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
import { PhoneInput } from "../../../components/ui/phone-input";
import { Segmented } from "../../../components/ui/segmented";
import { Spinner } from "../../../components/ui/spinner";
import { useCardLookup, usePhoneLookup } from "../../../lib/api/card-lookup";
import { ApiProblem, isProblem } from "../../../lib/api/problem";
import { isValidCardNumber, normalizeCardNumber } from "../../../lib/card";
import { normalizePhone } from "../../../lib/phone";
import { cardNumberSchema, phoneSchema } from "../../../lib/validation";
import { useSaveCard } from "../api/saved-cards";

const addSchema = z
  .object({
    kind: z.enum(["card", "phone"]),
    card_number: z.string(),
    phone_number: z.string(),
    alias: z.string().trim().min(1, "savedCards.aliasRule").max(50, "savedCards.aliasRule"),
    card_holder_name: z.string().trim().max(100, "savedCards.holderRule"),
  })
  .superRefine((values, ctx) => {
    // Only the address of the chosen kind is judged.
    const [field, rule] =
      values.kind === "card"
        ? (["card_number", cardNumberSchema] as const)
        : (["phone_number", phoneSchema] as const);
    const checked = rule.safeParse(values[field]);
    if (!checked.success) {
      ctx.addIssue({ code: "custom", path: [field], message: checked.error.issues[0]?.message });
    }
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
    defaultValues: {
      kind: "card",
      card_number: "",
      phone_number: "+998",
      alias: "",
      card_holder_name: "",
    },
  });
  const kind = watch("kind");
  const typed = normalizeCardNumber(watch("card_number"));
  const number = kind === "card" && typed && isValidCardNumber(typed) ? typed : null;
  const phone = kind === "phone" ? normalizePhone(watch("phone_number")) : null;
  const cardLookup = useCardLookup(number);
  const phoneLookup = usePhoneLookup(phone);
  const lookup = kind === "card" ? cardLookup : phoneLookup;
  const addressed = number ?? phone;
  // Nobody payable there: the name to keep is the one the user types.
  const notChontak = addressed !== null && isProblem(lookup.error) && lookup.error.status === 404;
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
        ...(values.kind === "card"
          ? { card_number: values.card_number }
          : { phone_number: values.phone_number }),
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
        <Controller
          name="kind"
          control={control}
          render={({ field }) => (
            <Segmented
              legend={t("phonePay.savedKind")}
              name="saved-kind"
              options={[
                ["card", t("phonePay.savedCard")],
                ["phone", t("phonePay.savedPhone")],
              ]}
              value={field.value}
              onChange={field.onChange}
            />
          )}
        />
        <div>
          {kind === "card" ? (
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
          ) : (
            <Controller
              name="phone_number"
              control={control}
              render={({ field }) => (
                <PhoneInput
                  label={t("phonePay.phone")}
                  error={message(errors.phone_number?.message)}
                  {...field}
                />
              )}
            />
          )}
          <div className="lookup" aria-live="polite" data-testid="saved-lookup">
            {addressed && lookup.isFetching && <Spinner size="sm" />}
            {addressed && lookup.data && (
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
