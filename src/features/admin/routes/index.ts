export * from "./audit.routes";
export * from "./cards.routes";
export * from "./cash-ins.routes";
export * from "./dashboard.routes";
export * from "./deposit.routes";
export * from "./ledger.routes";
export * from "./transactions.routes";
export * from "./users.routes";
