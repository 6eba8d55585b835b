import { and, count, desc, eq, ilike, like, ne, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { cards, PLATFORM_CARD_NUMBER, savedCards, users } from "../../db/schema";
import { maskOwnerName } from "../../lib/card-number";
import { isUniqueViolation } from "../../lib/db-errors";
import { containsPattern } from "../../lib/like";
import { ApiError, validationMessage } from "../../lib/problem";
import { effectiveCardStatus } from "../cards/cards.service";

export type SavedCardRecord = Pick<
  typeof savedCards.$inferSelect,
  "id" | "ownerUserId" | "cardNumber" | "phoneNumber" | "cardHolderName" | "alias"
>;

const columns = {
  id: savedCards.id,
  ownerUserId: savedCards.ownerUserId,
  cardNumber: savedCards.cardNumber,
  phoneNumber: savedCards.phoneNumber,
  cardHolderName: savedCards.cardHolderName,
  alias: savedCards.alias,
};

export function toSavedCardResponse(card: SavedCardRecord) {
  return {
    id: card.id,
    owner_user_id: card.ownerUserId,
    card_number: card.cardNumber,
    phone_number: card.phoneNumber,
    card_holder_name: card.cardHolderName,
    alias: card.alias,
  };
}

/**
 * The name to store: for a Cho'ntak card that can receive money, always its
 * owner's masked name (never the full name); otherwise what the client typed.
 * A frozen, closed or expired card is treated like a number outside Cho'ntak,
 * so saving reveals no more than a transfer would. The platform card is the
 * system's and is not saved.
 */
async function holderName(db: Database, cardNumber: string, typed: string | undefined) {
  if (cardNumber === PLATFORM_CARD_NUMBER) throw new ApiError("SAVED_CARD_PLATFORM");
  const [owner] = await db
    .select({ fullName: users.fullName, status: effectiveCardStatus })
    .from(cards)
    .innerJoin(users, eq(users.id, cards.userId))
    .where(eq(cards.cardNumber, cardNumber));
  if (owner && owner.status === "active") return maskOwnerName(owner.fullName);
  if (typed) return typed;
  throw new ApiError("VALIDATION_ERROR", {
    errors: [{ path: "card_holder_name", message: validationMessage("card_holder_name_required") }],
  });
}

/**
 * The name to store for a phone contact: the masked name of a person others can
 * pay by this phone (discoverable, with a card that can receive), else what the
 * client typed, so saving reveals no more than a lookup would.
 */
async function contactName(db: Database, phoneNumber: string, typed: string | undefined) {
  const [person] = await db
    .select({ fullName: users.fullName })
    .from(users)
    .where(
      and(
        eq(users.phoneNumber, phoneNumber),
        eq(users.discoverableByPhone, true),
        ne(users.role, "system"),
        sql`receiving_card_id(${users.id}) is not null`,
      ),
    );
  if (person) return maskOwnerName(person.fullName);
  if (typed) return typed;
  throw new ApiError("VALIDATION_ERROR", {
    errors: [{ path: "card_holder_name", message: validationMessage("card_holder_name_required") }],
  });
}

/**
 * Saves a card or a phone contact (exactly one of the two); a duplicate is
 * decided by the unique indexes, so concurrent saves give one 201.
 */
export async function saveCard(
  db: Database,
  ownerUserId: string,
  input: { cardNumber?: string; phoneNumber?: string; cardHolderName?: string; alias: string },
): Promise<SavedCardRecord> {
  const cardHolderName = input.cardNumber
    ? await holderName(db, input.cardNumber, input.cardHolderName)
    : await contactName(db, input.phoneNumber as string, input.cardHolderName);
  try {
    const [saved] = await db
      .insert(savedCards)
      .values({
        ownerUserId,
        cardNumber: input.cardNumber ?? null,
        phoneNumber: input.cardNumber ? null : (input.phoneNumber ?? null),
        cardHolderName,
        alias: input.alias,
      })
      .returning(columns);
    if (!saved) throw new Error("insert returned no saved card");
    return saved;
  } catch (error) {
    if (
      isUniqueViolation(error, "saved_cards_owner_number_key") ||
      isUniqueViolation(error, "saved_cards_owner_phone_key")
    ) {
      throw new ApiError("SAVED_CARD_EXISTS");
    }
    throw error;
  }
}

export interface SavedCardFilters {
  search_number?: string;
  search_alias?: string;
  search_owner?: string;
  page: number;
  limit: number;
}

export async function listSavedCards(db: Database, ownerUserId: string, filters: SavedCardFilters) {
  const conditions: SQL[] = [eq(savedCards.ownerUserId, ownerUserId)];
  // Patterns escape %, _ and \ so a search for "%" matches only a literal "%".
  if (filters.search_number) {
    const pattern = containsPattern(filters.search_number);
    conditions.push(
      or(like(savedCards.cardNumber, pattern), like(savedCards.phoneNumber, pattern)) as SQL,
    );
  }
  if (filters.search_alias) {
    conditions.push(ilike(savedCards.alias, containsPattern(filters.search_alias)));
  }
  if (filters.search_owner) {
    conditions.push(ilike(savedCards.cardHolderName, containsPattern(filters.search_owner)));
  }
  const where = and(...conditions);
  const [items, [counted]] = await Promise.all([
    db
      .select(columns)
      .from(savedCards)
      .where(where)
      .orderBy(desc(savedCards.createdAt), desc(savedCards.id))
      .limit(filters.limit)
      .offset((filters.page - 1) * filters.limit),
    db.select({ total: count() }).from(savedCards).where(where),
  ]);
  return { total: counted?.total ?? 0, items };
}

/** Someone else's saved card is indistinguishable from a missing one (404). */
const own = (ownerUserId: string, id: string) =>
  and(eq(savedCards.id, id), eq(savedCards.ownerUserId, ownerUserId));

function found<T>(row: T | undefined): T {
  if (!row) throw new ApiError("SAVED_CARD_NOT_FOUND");
  return row;
}

export async function getSavedCard(db: Database, ownerUserId: string, id: string) {
  const [card] = await db.select(columns).from(savedCards).where(own(ownerUserId, id));
  return found(card);
}

export async function renameSavedCard(
  db: Database,
  ownerUserId: string,
  id: string,
  alias: string,
) {
  const [card] = await db
    .update(savedCards)
    .set({ alias, updatedAt: new Date() })
    .where(own(ownerUserId, id))
    .returning(columns);
  return found(card);
}

export async function deleteSavedCard(db: Database, ownerUserId: string, id: string) {
  const [deleted] = await db
    .delete(savedCards)
    .where(own(ownerUserId, id))
    .returning({ id: savedCards.id });
  found(deleted);
}
