import { sql } from "drizzle-orm";
import fc from "fast-check";
import { PDFDocument } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { newAdmin } from "../../../test/worker/admin";
import { openActiveCard, type TestCard } from "../../../test/worker/cards";
import {
  fund,
  HEALTHY_LEDGER,
  ledgerInvariants,
  query,
  rechainAccountsOf,
  withDb,
} from "../../../test/worker/db";
import { call } from "../../../test/worker/http";
import { sendMoney } from "../../../test/worker/transfers";
import { bearer, newUser, type TestUser } from "../../../test/worker/users";
import { ApiError } from "../../lib/problem";
import { statementLabels } from "./labels";
import { previousDay } from "./period";
import { openStatement } from "./statement.service";
import { statementPdf } from "./statement-pdf";

interface StatementBody {
  card: { id: string; card_number: string };
  from: string;
  to: string;
  opening_balance: string;
  closing_balance: string;
  total_in: string;
  total_out: string;
  total_fees: string;
  movement_count: number;
  movements: {
    transaction_id: string;
    date: string;
    time: string;
    description: string | null;
    amount: string;
    fee: string;
    change: string;
    balance: string;
    counterparty: { card_number: string; owner_name: string } | null;
  }[];
}

const tiyin = (text: string) => {
  const [whole, fraction = ""] = text.replace("-", "").split(".");
  const value = BigInt(whole as string) * 100n + BigInt(fraction.padEnd(2, "0"));
  return text.startsWith("-") ? -value : value;
};

const addDays = (day: string, days: number) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

let owner: TestUser;
let other: TestUser;
let card: TestCard;
let otherCard: TestCard;
let today: string;
/** The first Tashkent day of the history built below. */
let firstDay: string;

function statement(user: TestUser, from: string, to: string, format = "json", cardId = card.id) {
  return call(`/api/card/${cardId}/statement?from=${from}&to=${to}&format=${format}`, {
    headers: bearer(user.accessToken),
  });
}

async function statementJson(from: string, to: string): Promise<StatementBody> {
  const response = await statement(owner, from, to);
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as StatementBody;
}

/** What the ledger says, read straight from ledger_entries (no code under test). */
async function ledgerFor(from: string, to: string) {
  const [row] = await query(sql`
    select
      (select coalesce(sum(amount), 0)::text from ledger_entries where card_id = ${card.id}::uuid
         and created_at < (${from}::date::timestamp at time zone 'Asia/Tashkent')) as opening,
      (select coalesce(sum(amount), 0)::text from ledger_entries where card_id = ${card.id}::uuid
         and created_at < ((${to}::date + 1)::timestamp at time zone 'Asia/Tashkent')) as closing,
      (select count(distinct transaction_id)::int from ledger_entries where card_id = ${card.id}::uuid
         and created_at >= (${from}::date::timestamp at time zone 'Asia/Tashkent')
         and created_at < ((${to}::date + 1)::timestamp at time zone 'Asia/Tashkent')) as movements`);
  return row as { opening: string; closing: string; movements: number };
}

/** Moves a transaction (its row and its entries) to another instant, as if it happened then. */
async function backdate(transactionId: string, at: string) {
  await query(sql`update transactions set created_at = ${at}::timestamptz, completed_at = ${at}::timestamptz
    where id = ${transactionId}::uuid`);
  await query(sql`update ledger_entries set created_at = ${at}::timestamptz
    where transaction_id = ${transactionId}::uuid`);
  // The entry's time is part of its hash: the chains are rewritten, or the
  // ledger's proof would (rightly) report this edit.
  await rechainAccountsOf(transactionId);
}

async function transfer(
  from: TestUser,
  fromCard: TestCard,
  to: TestCard,
  amount: string,
  description: string,
) {
  const response = await sendMoney(from, {
    from_card_id: fromCard.id,
    to_card_number: to.card_number,
    amount,
    description,
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

beforeAll(async () => {
  owner = await newUser("Дилноза Каримова");
  other = await newUser("Bobur Toshmatov");
  card = await openActiveCard(owner);
  otherCard = await openActiveCard(other);
  await fund(card.card_number, 50_000_000n);
  await fund(otherCard.card_number, 50_000_000n);
  const [row] = await query(sql`select tashkent_today()::text as today`);
  today = (row as { today: string }).today;
  // About 30 movements spread over 14 months, some at the edges of Tashkent days
  // (19:00 UTC is midnight in Tashkent), then a few today.
  const ids: { id: string; at: string }[] = [];
  firstDay = addDays(today, -420);
  await backdate(
    (
      (
        await query(sql`select transaction_id::text as id from ledger_entries
      where card_id = ${card.id}::uuid order by id limit 1`)
      )[0] as { id: string }
    ).id,
    `${firstDay}T10:00:00Z`,
  );
  for (let index = 0; index < 28; index++) {
    const outgoing = index % 3 !== 0;
    const id = outgoing
      ? await transfer(
          owner,
          card,
          otherCard,
          `${2000 + index * 7}.${index % 10}5`,
          `Оплата №${index}; "кафе"`,
        )
      : await transfer(other, otherCard, card, `${2500 + index}.00`, `Qaytarish ${index}`);
    const day = addDays(firstDay, 1 + index * 15);
    const time = ["18:59:59.999999", "19:00:00", "05:30:00", "23:59:59.5"][index % 4];
    ids.push({ id, at: `${day}T${time}Z` });
  }
  for (const { id, at } of ids) await backdate(id, at);
  await transfer(owner, card, otherCard, "2012.34", "Сегодня");
  await transfer(other, otherCard, card, "2056.78", '=HYPERLINK("x")');
});

describe("statements: the ledger adds up", () => {
  it("opening + movements = closing = the ledger, for random periods; opening(from) = closing(from − 1)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 420 }),
        fc.integer({ min: 0, max: 364 }),
        async (start, length) => {
          const from = addDays(firstDay, start);
          const to = [addDays(from, length), today].sort()[0] as string;
          const body = await statementJson(from, to);
          const ledger = await ledgerFor(from, to);
          expect(tiyin(body.opening_balance)).toBe(BigInt(ledger.opening));
          expect(tiyin(body.closing_balance)).toBe(BigInt(ledger.closing));
          expect(body.movement_count).toBe(ledger.movements);
          expect(body.movements).toHaveLength(ledger.movements);
          let balance = tiyin(body.opening_balance);
          let totalIn = 0n;
          let totalOut = 0n;
          for (const movement of body.movements) {
            const change = tiyin(movement.change);
            expect(change).toBe(tiyin(movement.amount) - tiyin(movement.fee));
            balance += change;
            if (change > 0n) totalIn += change;
            else totalOut -= change;
            expect(tiyin(movement.balance)).toBe(balance);
            expect(movement.date >= from && movement.date <= to).toBe(true);
          }
          expect(balance).toBe(tiyin(body.closing_balance));
          expect(tiyin(body.total_in)).toBe(totalIn);
          expect(tiyin(body.total_out)).toBe(totalOut);
          const before = await statementJson(previousDay(from), previousDay(from));
          expect(before.closing_balance).toBe(body.opening_balance);
        },
      ),
      { numRuns: 12 },
    );
    expect(await ledgerInvariants()).toEqual(HEALTHY_LEDGER);
  });

  it("a period with no movements: opening = closing, no rows", async () => {
    const from = addDays(firstDay, -30);
    const empty = await statementJson(from, addDays(firstDay, -1));
    expect(empty).toMatchObject({
      opening_balance: "0.00",
      closing_balance: "0.00",
      total_in: "0.00",
      total_out: "0.00",
      movement_count: 0,
      movements: [],
    });
    // Between two movements (each is 15 days apart): same balance at both ends.
    const gap = await statementJson(addDays(firstDay, 2), addDays(firstDay, 10));
    expect(gap.movements).toEqual([]);
    expect(gap.opening_balance).toBe(gap.closing_balance);
  });

  it("days are Tashkent days: 18:59:59 UTC is the day before, 19:00 UTC the next", async () => {
    const body = await statementJson(firstDay, addDays(firstDay, 364));
    expect(body.movements[1]).toMatchObject({ date: addDays(firstDay, 1), time: "23:59:59" });
    expect(body.movements[2]).toMatchObject({ date: addDays(firstDay, 17), time: "00:00:00" });
  });

  it("reads in keyset pages with the same result as one page", async () => {
    const period = { cardId: card.id, ownerId: owner.id, from: addDays(today, -364), to: today };
    const read = async (pageSize: number) =>
      withDb(async (db) => {
        const result = await openStatement(db, period, { pageSize });
        const rows = [];
        for await (const movement of result.movements()) rows.push(movement);
        return { rows, totals: result.totals };
      });
    const whole = await read(500);
    const paged = await read(4);
    expect(paged.rows).toEqual(whole.rows);
    expect(paged.totals).toEqual(whole.totals);
    expect(whole.rows.length).toBeGreaterThan(8);
  });

  it("masks the counterparty and keeps the description", async () => {
    const body = await statementJson(addDays(today, -1), today);
    const sent = body.movements.find((movement) => movement.description === "Сегодня");
    expect(sent?.counterparty).toEqual({
      card_number: `${otherCard.card_number.slice(0, 4)} **** **** ${otherCard.card_number.slice(-4)}`,
      owner_name: "Bobur T.",
    });
    expect(sent?.amount).toBe("-2012.34");
    expect(tiyin(sent?.fee ?? "0")).toBeGreaterThanOrEqual(0n);
    expect(body.card.card_number).toBe(
      `${card.card_number.slice(0, 4)} **** **** ${card.card_number.slice(-4)}`,
    );
  });
});

describe("statements: files", () => {
  it("CSV: UTF-8 BOM, ; separated, plain decimals, Cyrillic and quotes survive, formulas defused", async () => {
    const response = await statement(owner, addDays(today, -364), today, "csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="statement-\d{4}-/,
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toMatch(/"Оплата №\d+; ""кафе"""/);
    expect(text).toContain("'=HYPERLINK");
    const json = await statementJson(addDays(today, -364), today);
    const lines = text.split("\r\n");
    const totals = statementLabels("uz");
    expect(lines).toContain(`${totals.closing};${json.closing_balance}`);
    expect(lines).toContain(`${totals.totalIn};${json.total_in}`);
    expect(lines).toContain(`${totals.totalOut};${json.total_out}`);
    expect(lines).toContain(`${totals.opening};${json.opening_balance}`);
    const header = lines.findIndex((line) => line.startsWith(totals.date));
    const rows = lines.slice(header + 1, header + 1 + json.movement_count);
    expect(rows.map((line) => line.split(";").at(-1))).toEqual(
      json.movements.map((movement) => movement.transaction_id),
    );
    for (const row of rows)
      expect(row).toMatch(/;-?\d+\.\d{2};\d+\.\d{2};\d+\.\d{2};[0-9a-f-]{36}$/);
  });

  it("CSV headers follow the caller's language", async () => {
    const response = await call(
      `/api/card/${card.id}/statement?from=${today}&to=${today}&format=csv`,
      {
        headers: { ...bearer(owner.accessToken), "Accept-Language": "ru" },
      },
    );
    expect(await response.text()).toContain("Исходящий остаток;");
  });

  it("PDF: an A4 document a reader opens, with its pages numbered", async () => {
    const response = await statement(owner, addDays(today, -364), today, "pdf");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(1);
    expect(pdf.getPage(0).getSize()).toEqual({ width: 595.28, height: 841.89 });
    expect(pdf.getTitle()).toContain("**** ****");
  });

  it("PDF beyond its cap is a clear 4xx that points to CSV", async () => {
    const error = await withDb(async (db) => {
      const result = await openStatement(db, {
        cardId: card.id,
        ownerId: owner.id,
        from: addDays(today, -364),
        to: today,
      });
      return statementPdf(result, statementLabels("en"), { maxMovements: 3 }).catch((e) => e);
    });
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("STATEMENT_TOO_LARGE_FOR_PDF");
  });
});

describe("statements: errors and access", () => {
  it.each([
    ["2026-13-01", "2026-12-01", "STATEMENT_DATE_INVALID"],
    ["2026-02-30", "2026-03-01", "STATEMENT_DATE_INVALID"],
    ["yesterday", "2026-03-01", "STATEMENT_DATE_INVALID"],
    ["2026-03-02", "2026-03-01", "STATEMENT_PERIOD_REVERSED"],
    ["2025-01-01", "2026-01-01", "STATEMENT_PERIOD_TOO_LONG"],
  ])("from=%s to=%s → 422 %s", async (from, to, code) => {
    const response = await statement(owner, from, to);
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(((await response.json()) as { code: string }).code).toBe(code);
  });

  it("a year is allowed, tomorrow is not", async () => {
    expect((await statement(owner, addDays(today, -364), today)).status).toBe(200);
    const future = await statement(owner, today, addDays(today, 1));
    expect(future.status).toBe(422);
    expect(((await future.json()) as { code: string }).code).toBe("STATEMENT_PERIOD_IN_FUTURE");
  });

  it("another person's card is 404, as other card routes answer; an admin reads any card", async () => {
    const response = await statement(other, today, today, "json", card.id);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe("CARD_NOT_FOUND");
    const admin = await newAdmin();
    const path = `/api/admin/cards/${card.id}/statement?from=${addDays(today, -364)}&to=${today}`;
    const asAdmin = await call(path, { headers: bearer(admin.accessToken) });
    expect(asAdmin.status).toBe(200);
    const own = await statementJson(addDays(today, -364), today);
    const body = (await asAdmin.json()) as StatementBody;
    expect({ ...body, generated_at: null }).toEqual({ ...own, generated_at: null });
    const asUser = await call(path, { headers: bearer(owner.accessToken) });
    expect(asUser.status).toBe(403);
  });

  it("the chart's month figures equal the statement's for a one-card owner", async () => {
    const monthStart = `${today.slice(0, 8)}01`;
    const body = await statementJson(monthStart, today);
    // What the dashboard's month chart sums: successful history in (amount) and out (amount + commission).
    const sum = async (direction: "in" | "out") => {
      const response = await call(
        `/api/transactions?start_date=${monthStart}&end_date=${today}&direction=${direction}&status=success&limit=100`,
        { headers: bearer(owner.accessToken) },
      );
      const page = (await response.json()) as { data: { amount: string; commission: string }[] };
      return page.data.reduce(
        (total, item) =>
          total + tiyin(item.amount) + (direction === "out" ? tiyin(item.commission) : 0n),
        0n,
      );
    };
    expect(tiyin(body.total_in)).toBe(await sum("in"));
    expect(tiyin(body.total_out)).toBe(await sum("out"));
  });
});
