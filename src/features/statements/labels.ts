import type { Language } from "../../lib/problem";

/** The words of a statement document (CSV and PDF) in the reader's language. */
export interface StatementLabels {
  title: string;
  card: string;
  owner: string;
  period: string;
  timezone: string;
  opening: string;
  closing: string;
  totalIn: string;
  totalOut: string;
  fees: string;
  count: string;
  generatedAt: string;
  date: string;
  time: string;
  counterpartyCard: string;
  counterparty: string;
  description: string;
  amount: string;
  fee: string;
  balance: string;
  transaction: string;
  bank: string;
  noMovements: string;
  types: Record<"transfer" | "deposit" | "subscription", string>;
  page: (page: number, total: number) => string;
}

const LABELS: Record<Language, StatementLabels> = {
  uz: {
    title: "Karta ko'chirmasi",
    card: "Karta",
    owner: "Egasi",
    period: "Davr",
    timezone: "Vaqt: Toshkent (UTC+5)",
    opening: "Davr boshidagi qoldiq",
    closing: "Davr oxiridagi qoldiq",
    totalIn: "Kirim",
    totalOut: "Chiqim",
    fees: "Komissiyalar",
    count: "Amallar soni",
    generatedAt: "Tuzilgan vaqti",
    date: "Sana",
    time: "Vaqt",
    counterpartyCard: "Kontragent kartasi",
    counterparty: "Kontragent",
    description: "Izoh",
    amount: "Summa",
    fee: "Komissiya",
    balance: "Qoldiq",
    transaction: "Tranzaksiya",
    bank: "Cho'ntak",
    noMovements: "Bu davrda amallar yo'q",
    types: { transfer: "O'tkazma", deposit: "To'ldirish", subscription: "Premium obuna" },
    page: (page, total) => `${total} sahifadan ${page}-sahifa`,
  },
  ru: {
    title: "Выписка по карте",
    card: "Карта",
    owner: "Владелец",
    period: "Период",
    timezone: "Время: Ташкент (UTC+5)",
    opening: "Входящий остаток",
    closing: "Исходящий остаток",
    totalIn: "Поступления",
    totalOut: "Списания",
    fees: "Комиссии",
    count: "Количество операций",
    generatedAt: "Сформирована",
    date: "Дата",
    time: "Время",
    counterpartyCard: "Карта контрагента",
    counterparty: "Контрагент",
    description: "Описание",
    amount: "Сумма",
    fee: "Комиссия",
    balance: "Остаток",
    transaction: "Транзакция",
    bank: "Cho'ntak",
    noMovements: "За период операций нет",
    types: { transfer: "Перевод", deposit: "Пополнение", subscription: "Подписка Premium" },
    page: (page, total) => `страница ${page} из ${total}`,
  },
  en: {
    title: "Card statement",
    card: "Card",
    owner: "Owner",
    period: "Period",
    timezone: "Times: Tashkent (UTC+5)",
    opening: "Opening balance",
    closing: "Closing balance",
    totalIn: "Money in",
    totalOut: "Money out",
    fees: "Fees",
    count: "Movements",
    generatedAt: "Generated at",
    date: "Date",
    time: "Time",
    counterpartyCard: "Counterparty card",
    counterparty: "Counterparty",
    description: "Description",
    amount: "Amount",
    fee: "Fee",
    balance: "Balance",
    transaction: "Transaction",
    bank: "Cho'ntak",
    noMovements: "No movements in this period",
    types: { transfer: "Transfer", deposit: "Top-up", subscription: "Premium subscription" },
    page: (page, total) => `page ${page} of ${total}`,
  },
};

export function statementLabels(language: string): StatementLabels {
  return LABELS[(language in LABELS ? language : "uz") as Language];
}

/** Tashkent wall-clock time of an instant, "YYYY-MM-DD HH:MM:SS". */
export function tashkentDateTime(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 5 * 3600_000);
  return shifted.toISOString().slice(0, 19).replace("T", " ");
}
