import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../../lib/openapi";
import { DateInput, PageMetaSchema, PaginationQuery, UuidParam } from "../../../lib/schemas";
import { admin } from "./common";

const Hash = z.string().openapi({ description: "SHA-256, lower-case hex" });

const LedgerProofSchema = z
  .object({
    valid: z.boolean(),
    entries: z.number().int(),
    chains: z.number().int(),
    broken: z
      .object({
        account: z.string().openapi({ example: "card:3b2f0c1e-8d4a-4f7e-9c3a-1e2d3c4b5a69" }),
        card_id: z.string().nullable(),
        entry_id: z.string().nullable(),
        position: z.number().int(),
        stored_position: z.number().int().nullable(),
        reason: z.enum(["hash", "position", "head"]),
        expected: Hash.nullable(),
        stored: Hash.nullable(),
      })
      .nullable(),
    digest: z
      .object({
        day: z.string(),
        valid: z.boolean(),
        stored_root: Hash,
        recomputed_root: Hash.nullable(),
      })
      .nullable(),
    elapsed_ms: z.number(),
  })
  .openapi("LedgerProof");

export const ledgerProof = defineRoute({
  ...admin,
  method: "get",
  path: "/api/admin/ledger-proof",
  summary: "Recompute the ledger's hash chains and check a daily digest",
  description:
    "One statement recomputes every account's chain (or one card's, its credit shards included) and reports the first broken link. Without `card_id` it also recomputes the Merkle root of the digest of `digest_day` (default: the latest) from the entries; `digest` is null when none is stored.",
  request: {
    query: z.object({ card_id: UuidParam.optional(), digest_day: DateInput.optional() }),
  },
  responses: { 200: jsonContent(LedgerProofSchema, "The proof") },
  errors: ["CARD_NOT_FOUND"],
});

export const ledgerDigests = defineRoute({
  ...admin,
  method: "get",
  path: "/api/admin/ledger-digests",
  summary: "The daily digests of the ledger's chain heads, newest first",
  request: { query: z.object(PaginationQuery) },
  responses: {
    200: jsonContent(
      z
        .object({
          ...PageMetaSchema,
          data: z.array(
            z.object({
              day: z.string(),
              root: Hash,
              chains: z.number().int(),
              entries: z.number().int(),
              created_at: z.string(),
            }),
          ),
        })
        .openapi("LedgerDigests"),
      "A page of digests",
    ),
  },
  errors: [],
});
