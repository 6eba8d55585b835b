import type { TFunction } from "i18next";
import { formatSom } from "../../../lib/money";
import type { AuditAction, AuditEntry } from "../api/admin";
import { maskOwnerName, maskPhone } from "./people";

// The audit log in words: one sentence per entry, naming the admin, the masked
// card or person and the amount.

/** i18n keys cannot hold the dots of the API's action names. */
export const ACTION_KEY: Record<AuditAction, string> = {
  deposit: "deposit",
  "cash_in.request": "cashInRequest",
  "cash_in.approve": "cashInApprove",
  "cash_in.reject": "cashInReject",
  "card.status": "cardStatus",
  "user.role": "userRole",
};

/** A string field of the API's free-form before/after snapshots, if it is there. */
function field(snapshot: unknown, name: string): string | undefined {
  if (typeof snapshot !== "object" || snapshot === null) return undefined;
  const value = (snapshot as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

/** "•••• 9050": enough of a card to recognise it in a log line. */
export const shortCard = (number: string) => `•••• ${number.replace(/\s/g, "").slice(-4)}`;

/** What an admin did, said in words in the reader's language. */
export function describeAuditEntry(entry: AuditEntry, t: TFunction): string {
  const actor = entry.actor.full_name;
  const card = entry.card ? shortCard(entry.card.card_number) : "—";
  const owner = maskOwnerName(entry.card?.owner_name ?? entry.person?.full_name);
  switch (entry.action) {
    case "deposit":
      return t("admin.auditText.deposit", {
        actor,
        card,
        owner,
        amount: formatSom(entry.amount ?? "0", t("currency")),
      });
    case "cash_in.request":
    case "cash_in.approve":
    case "cash_in.reject": {
      const creator = field(
        (entry.after as Record<string, unknown> | null)?.created_by ?? null,
        "full_name",
      );
      return t(`admin.auditText.${ACTION_KEY[entry.action]}`, {
        actor,
        card,
        owner,
        amount: formatSom(entry.amount ?? "0", t("currency")),
        creator: creator ?? "—",
        reason: field(entry.after, "reject_reason") ?? "—",
      });
    }
    case "card.status": {
      const status = field(entry.after, "status");
      if (status === "frozen") {
        const reason = field(entry.after, "freeze_reason");
        return t("admin.auditText.blocked", {
          actor,
          card,
          owner,
          reason: reason ? t(`freezeReason.${reason}`) : "—",
        });
      }
      if (status === "closed") return t("admin.auditText.closed", { actor, card, owner });
      return t("admin.auditText.activated", { actor, card, owner });
    }
    case "user.role": {
      const role = (snapshot: unknown) => {
        const value = field(snapshot, "role");
        return value ? t(`role.${value}`) : "—";
      };
      return t("admin.auditText.role", {
        actor,
        name: maskOwnerName(entry.person?.full_name),
        phone: entry.person ? maskPhone(entry.person.phone_number) : "—",
        from: role(entry.before),
        to: role(entry.after),
      });
    }
    default:
      return `${actor}: ${entry.action}`;
  }
}
