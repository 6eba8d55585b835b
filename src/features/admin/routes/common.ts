import { z } from "@hono/zod-openapi";
import { UuidParam } from "../../../lib/schemas";

/** Every admin operation: its tag, a bearer token, and the admin guard in front of it. */
export const admin = {
  tags: ["Admin"],
  security: [{ OAuth2PasswordBearer: [] }],
  adminOnly: true,
};

export const Search = z.string().trim().min(1).max(100);
const idParam = (name: string) => UuidParam.openapi({ param: { name, in: "path" } });
export const CardIdParams = z.object({ card_id: idParam("card_id") });
export const UserIdParams = z.object({ user_id: idParam("user_id") });
export const TransactionIdParams = z.object({ transaction_id: idParam("transaction_id") });
