import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../../lib/openapi";
import { PageMetaSchema, PaginationQuery } from "../../../lib/schemas";
import { UserSchema } from "../../auth/auth.schemas";
import { CardSchema } from "../../cards/cards.routes";
import { admin, Search, UserIdParams } from "./common";

export const allUsers = defineRoute({
  ...admin,
  method: "get",
  path: "/api/admin/all-users",
  summary: "Users (admins only when search_role=admin)",
  request: {
    query: z.object({
      search_name: Search.optional(),
      search_number: Search.optional(),
      search_role: z.enum(["user", "premium", "admin"]).optional(),
      ...PaginationQuery,
    }),
  },
  responses: {
    200: jsonContent(
      z
        .object({ ...PageMetaSchema, total_users: z.number().int(), data: z.array(UserSchema) })
        .openapi("UserPage"),
      "One page of users",
    ),
  },
  errors: [],
});

export const oneUser = defineRoute({
  ...admin,
  method: "get",
  path: "/api/admin/one-users/{user_id}",
  summary: "A user with their cards",
  request: { params: UserIdParams },
  responses: {
    200: jsonContent(
      UserSchema.extend({ cards: z.array(CardSchema) }).openapi("UserWithCards"),
      "The user",
    ),
  },
  errors: ["USER_NOT_FOUND"],
});

export const userRole = defineRoute({
  ...admin,
  method: "patch",
  path: "/api/admin/user-role/{user_id}",
  summary: "Make a user premium or a regular user (audited)",
  description: "An admin's role (yours included) cannot be changed.",
  request: { params: UserIdParams, query: z.object({ action: z.enum(["premium", "user"]) }) },
  responses: {
    200: jsonContent(UserSchema, "The user after the change"),
  },
  errors: ["ALREADY_PREMIUM", "ALREADY_USER", "USER_NOT_FOUND", "ROLE_CHANGE_FORBIDDEN"],
});
