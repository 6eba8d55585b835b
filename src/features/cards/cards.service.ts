import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { cards, users } from "../../db/schema";
import { generateCardNumber } from "../../lib/card-number";
import { isUniqueViolation } from "../../lib/db-errors";
import { formatMoney } from "../../lib/money";
import { ApiError } from "../../lib/problem";
import { ROLE_RULES } from "../ledger/limits";
import type { Role } from "../users/users.service";

const CARD_LIFETIME_YEARS = 5;

/** The columns of a CardRecord (the card joined with its owner's name). */
export const cardColumns = {
  id: cards.id,
  userId: cards.userId,
  cardNumber: cards.cardNumber,
  balance: cards.balance,
  status: cards.status,
  expiryDate: cards.expiryDate,
  createdAt: cards.createdAt,
  ownerName: users.fullName,
};

export type CardRecord = {
  id: string;
  userId: string;
  cardNumber: string;
  balance: bigint;
  status: "active" | "frozen" | "expired" | "closed";
  expiryDate: string;
  createdAt: Date;
  ownerName: string;
};

/** Today in Asia/Tashkent (UTC+5 all year), as YYYY-MM-DD. */
export function tashkentToday(now = new Date()): string {
  return new Date(now.getTime() + 5 * 3600_000).toISOString().slice(0, 10);
}

/** A card past its expiry date is expired even before the cron job marks it. */
export function effectiveStatus(
  card: Pick<CardRecord, "status" | "expiryDate">,
): CardRecord["status"] {
  const live = card.status === "active" || card.status === "frozen";
  return live && card.expiryDate < tashkentToday() ? "expired" : card.status;
}

export function toCardResponse(card: CardRecord) {
  return {
    id: card.id,
    user_id: card.userId,
    card_number: card.cardNumber,
    balance: formatMoney(card.balance),
    status: effectiveStatus(card),
    expiry_date: card.expiryDate,
    owner_name: card.ownerName,
    created_at: card.createdAt.toISOString(),
  };
}

/**
 * Opens a frozen card. The user's row is locked while counting their cards,
 * so concurrent requests cannot exceed the role's limit.
 */
export async function openCard(db: Database, userId: string): Promise<CardRecord> {
  return db.transaction(async (tx) => {
    const [owner] = await tx
      .select({ role: users.role, fullName: users.fullName })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!owner || owner.role === "system") throw new ApiError("INVALID_TOKEN");
    const rules = ROLE_RULES[owner.role as Role];
    const [counted] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(cards)
      .where(and(eq(cards.userId, userId), ne(cards.status, "closed")));
    if ((counted?.count ?? 0) >= rules.maxCards) {
      throw new ApiError(rules.maxCards === 1 ? "CARD_LIMIT" : "CARD_LIMIT_PREMIUM");
    }
    const expiry = new Date(`${tashkentToday()}T00:00:00Z`);
    expiry.setUTCFullYear(expiry.getUTCFullYear() + CARD_LIFETIME_YEARS);
    // 10 random digits: a collision is rare; the unique index decides, we draw again.
    for (let attempt = 0; ; attempt++) {
      try {
        const [card] = await tx
          .insert(cards)
          .values({
            userId,
            cardNumber: generateCardNumber(),
            status: "frozen",
            expiryDate: expiry.toISOString().slice(0, 10),
          })
          .returning();
        if (!card) throw new Error("insert returned no card");
        return { ...card, ownerName: owner.fullName };
      } catch (error) {
        if (attempt < 3 && isUniqueViolation(error, "cards_card_number_key")) continue;
        throw error;
      }
    }
  });
}

export async function listCards(db: Database, userId: string): Promise<CardRecord[]> {
  return db
    .select(cardColumns)
    .from(cards)
    .innerJoin(users, eq(users.id, cards.userId))
    .where(eq(cards.userId, userId))
    .orderBy(asc(cards.createdAt));
}

/** The caller's own card; anyone else's is indistinguishable from a missing one (404). */
export async function getOwnCard(
  db: Database,
  userId: string,
  cardId: string,
): Promise<CardRecord> {
  const [card] = await db
    .select(cardColumns)
    .from(cards)
    .innerJoin(users, eq(users.id, cards.userId))
    .where(and(eq(cards.id, cardId), eq(cards.userId, userId)));
  if (!card) throw new ApiError("CARD_NOT_FOUND");
  return card;
}

/** Owner's freeze (active → frozen) and unfreeze (frozen → active), as one conditional UPDATE. */
export async function setOwnCardFrozen(
  db: Database,
  userId: string,
  cardId: string,
  frozen: boolean,
): Promise<CardRecord> {
  const from = frozen ? "active" : "frozen";
  const [updated] = await db
    .update(cards)
    .set({ status: frozen ? "frozen" : "active", updatedAt: new Date() })
    .where(
      and(
        eq(cards.id, cardId),
        eq(cards.userId, userId),
        eq(cards.status, from),
        sql`${cards.expiryDate} >= ${tashkentToday()}`,
      ),
    )
    .returning({ id: cards.id });
  const card = await getOwnCard(db, userId, cardId);
  if (updated) return card;
  const status = effectiveStatus(card);
  if (status === "closed") throw new ApiError("CARD_CLOSED");
  if (status === "expired") throw new ApiError("CARD_EXPIRED");
  throw new ApiError(frozen ? "CARD_ALREADY_FROZEN" : "CARD_ALREADY_ACTIVE");
}

/** For the send screen: the masked owner of an active card, or 404. */
export async function findActiveCardOwner(db: Database, cardNumber: string) {
  const [card] = await db
    .select({
      cardNumber: cards.cardNumber,
      ownerName: users.fullName,
      status: cards.status,
      expiryDate: cards.expiryDate,
    })
    .from(cards)
    .innerJoin(users, eq(users.id, cards.userId))
    .where(eq(cards.cardNumber, cardNumber));
  if (!card || effectiveStatus(card) !== "active") throw new ApiError("CARD_NOT_FOUND");
  return card;
}

/** Cron: marks cards past their expiry date (Asia/Tashkent) as expired. */
export async function expireCards(db: Database): Promise<number> {
  const expired = await db
    .update(cards)
    .set({ status: "expired", updatedAt: new Date() })
    .where(
      and(
        sql`${cards.status} in ('active', 'frozen')`,
        sql`${cards.expiryDate} < ${tashkentToday()}`,
      ),
    )
    .returning({ id: cards.id });
  return expired.length;
}
