import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent, type ProblemDeclaration } from "../../lib/openapi";
import { validationMessage } from "../../lib/problem";
import {
  CardNumberInput,
  optionalField,
  PageMetaSchema,
  PaginationQuery,
  PhoneNumberInput,
  UuidParam,
} from "../../lib/schemas";
import { requireSession } from "../../middleware/auth";

/** The earlier client calls the singular path; both serve the same routes. */
export const SAVED_CARDS_PATHS = ["/api/saved-cards", "/api/saved-card"] as const;
export type SavedCardsPath = (typeof SAVED_CARDS_PATHS)[number];

const tags = ["Saved cards"];
const security = [{ OAuth2PasswordBearer: [] }];
const alias = "Also served at `/api/saved-card` (the earlier client's path).";

export const SavedCardSchema = z
  .object({
    id: z.uuid(),
    owner_user_id: z.uuid(),
    card_number: z.string().nullable().openapi({ description: "null for a phone contact" }),
    phone_number: z
      .string()
      .nullable()
      .openapi({ description: "a phone contact (E.164); null for a saved card" }),
    card_holder_name: z.string(),
    alias: z.string(),
  })
  .openapi("SavedCard", {
    example: {
      id: "9d3c6a1e-1b2f-4c5d-8e7f-0a1b2c3d4e5f",
      owner_user_id: "4f6c1c1e-2d0b-4a4e-9a51-0f3f5d7c2b11",
      card_number: "7777123456789050",
      phone_number: null,
      card_holder_name: "Bobur K.",
      alias: "Akam",
    },
  });

const Alias = z.string().trim().min(1).max(50).openapi({ example: "Akam" });

const CreateSavedCardBody = z
  .object({
    card_number: optionalField(CardNumberInput()),
    phone_number: optionalField(PhoneNumberInput()).openapi({
      description:
        "Instead of `card_number`: a phone contact (+998 and 9 digits; spaces and dashes allowed)",
    }),
    card_holder_name: optionalField(z.string().trim().min(2).max(100)),
    alias: Alias,
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.card_number === undefined) === (body.phone_number === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [body.card_number === undefined ? "card_number" : "phone_number"],
        message: validationMessage("receiver_one_of"),
      });
    }
  })
  .openapi("CreateSavedCardRequest", {
    example: { card_number: "7777 1234 5678 9050", alias: "Akam" },
  });

const RenameSavedCardBody = z
  .object({ alias: Alias })
  .strict()
  .openapi("RenameSavedCardRequest", { example: { alias: "Onam" } });

const search = (min: number, example: string) =>
  z.string().trim().min(min).max(100).optional().openapi({ example });

const ListQuery = z.object({
  // People type numbers in groups ("7777 1234", "+998 90"); stored numbers are bare.
  // It matches card numbers and phone contacts alike.
  search_number: z
    .string()
    .trim()
    .min(4)
    .max(32)
    .transform((value) => value.replace(/[\s-]/g, ""))
    .optional()
    .openapi({ example: "9050" }),
  search_alias: search(2, "ak"),
  search_owner: search(2, "Bobur"),
  ...PaginationQuery,
});

const SavedCardPage = z
  .object({
    ...PageMetaSchema,
    total_saved_cards: z.number().int().openapi({ description: "same as total" }),
    data: z.array(SavedCardSchema),
  })
  .openapi("SavedCardPage");

const IdParams = z.object({ id: UuidParam.openapi({ param: { name: "id", in: "path" } }) });
const jsonBody = <T>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});
const notFound: ProblemDeclaration = ["SAVED_CARD_NOT_FOUND", "also for another user's saved card"];

/** One definition per base path; the alias is served but kept out of the OpenAPI document. */
export function savedCardRoutes(base: SavedCardsPath) {
  const common = {
    tags,
    security,
    hide: base !== SAVED_CARDS_PATHS[0],
  };
  return {
    create: defineRoute({
      ...common,
      middleware: [requireSession] as const,
      method: "post",
      path: base,
      summary: "Save a card or a phone contact",
      description: `\`card_number\` or \`phone_number\`, exactly one. The number is checksum-validated. A Cho'ntak card is stored with its owner's masked name (\`Bobur K.\`) whatever \`card_holder_name\` says; any other number needs \`card_holder_name\` (2–100). A phone of a person others can pay by phone is stored with their masked name; any other phone needs \`card_holder_name\`. One entry per number and per phone. ${alias}`,
      request: { body: jsonBody(CreateSavedCardBody) },
      responses: {
        201: jsonContent(SavedCardSchema, "The saved card"),
      },
      errors: [
        "SAVED_CARD_EXISTS",
        "SAVED_CARD_PLATFORM",
        ["VALIDATION_ERROR", "`card_holder_name` missing for a number outside Cho'ntak"],
        ["RATE_LIMITED", "shares the card lookup's limit"],
      ],
    }),
    list: defineRoute({
      ...common,
      middleware: [requireSession] as const,
      method: "get",
      path: base,
      summary: "Your saved cards",
      description: `Newest first. Searches are case-insensitive substrings; \`%\` and \`_\` match themselves. ${alias}`,
      request: { query: ListQuery },
      responses: {
        200: jsonContent(SavedCardPage, "A page of saved cards"),
      },
      errors: [],
    }),
    get: defineRoute({
      ...common,
      middleware: [requireSession] as const,
      method: "get",
      path: `${base}/{id}`,
      summary: "One saved card",
      request: { params: IdParams },
      responses: {
        200: jsonContent(SavedCardSchema, "The saved card"),
      },
      errors: [notFound],
    }),
    rename: defineRoute({
      ...common,
      middleware: [requireSession] as const,
      method: "patch",
      path: `${base}/{id}`,
      summary: "Rename a saved card",
      request: { params: IdParams, body: jsonBody(RenameSavedCardBody) },
      responses: {
        200: jsonContent(SavedCardSchema, "The renamed card"),
      },
      errors: [notFound],
    }),
    remove: defineRoute({
      ...common,
      middleware: [requireSession] as const,
      method: "delete",
      path: `${base}/{id}`,
      summary: "Forget a saved card",
      request: { params: IdParams },
      responses: { 204: { description: "Deleted" } },
      errors: [notFound],
    }),
  };
}

export type SavedCardRoutes = ReturnType<typeof savedCardRoutes>;
