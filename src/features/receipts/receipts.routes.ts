import { z } from "@hono/zod-openapi";
import { defineRoute, jsonContent } from "../../lib/openapi";
import { UuidParam } from "../../lib/schemas";
import { requireSession } from "../../middleware/auth";
import { ReceiptFacts } from "./receipt";
import { MAX_TOKEN_LENGTH } from "./signing";

const tags = ["Receipts"];

export const ReceiptSchema = z
  .object({
    receipt: ReceiptFacts,
    token: z.string().openapi({
      description:
        "Compact JWS (EdDSA/Ed25519): base64url(header).base64url(RFC 8785 JSON of `receipt`).base64url(signature)",
    }),
    kid: z.string().openapi({ description: "the key that signed it (see the published key set)" }),
    verify_url: z.string().openapi({ description: "the web app's public page that checks it" }),
  })
  .openapi("Receipt");

export const getReceipt = defineRoute({
  method: "get",
  path: "/api/transactions/{id}/receipt",
  tags,
  security: [{ OAuth2PasswordBearer: [] }],
  middleware: [requireSession] as const,
  summary: "The signed receipt of a successful transaction (JSON or PDF)",
  description: [
    "For whoever may see the transaction: its sender, its receiver, an admin. The facts are masked as a stranger sees them (anyone holding the receipt may read it) and signed by the bank with Ed25519 over their RFC 8785 canonical JSON.",
    "`?format=pdf`: an A4 PDF with the facts and a QR code of `verify_url`.",
  ].join("\n\n"),
  request: {
    params: z.object({ id: UuidParam.openapi({ param: { name: "id", in: "path" } }) }),
    query: z.object({ format: z.enum(["json", "pdf"]).default("json") }),
  },
  responses: {
    200: {
      description: "The receipt",
      content: {
        "application/json": { schema: ReceiptSchema },
        "application/pdf": { schema: { type: "string", format: "binary" } },
      },
    },
  },
  errors: [
    ["TRANSACTION_NOT_FOUND", "also for a transaction that is not yours"],
    ["NO_RECEIPT", "a refused transaction (only its sender sees it) has none"],
  ],
});

export const getReceiptKeys = defineRoute({
  method: "get",
  path: "/.well-known/chontak-receipt-keys.json",
  tags,
  summary: "The bank's public keys that sign receipts (JWK set)",
  description:
    "Public, no login. Ed25519 keys (`kty` OKP, `crv` Ed25519) named by `kid`; the current key first, then earlier ones that still verify the receipts they signed.",
  responses: {
    200: jsonContent(
      z
        .object({
          keys: z.array(
            z.object({
              kty: z.literal("OKP"),
              crv: z.literal("Ed25519"),
              x: z.string(),
              kid: z.string(),
              alg: z.literal("EdDSA"),
              use: z.literal("sig"),
            }),
          ),
        })
        .openapi("ReceiptKeySet"),
      "The key set",
    ),
  },
  errors: ["SERVICE_UNAVAILABLE"],
});

export const VerdictSchema = z
  .object({
    valid: z.boolean().openapi({ description: "signed by the bank and unaltered" }),
    reason: z
      .enum(["malformed", "unknown_key", "bad_signature", "not_a_receipt"])
      .nullable()
      .openapi({ description: "why not; null when valid" }),
    kid: z
      .string()
      .nullable()
      .openapi({ description: "the key that signed it; null unless valid" }),
    receipt: ReceiptFacts.nullable().openapi({
      description: "the facts the receipt states; null unless valid",
    }),
  })
  .openapi("ReceiptVerdict");

export const verifyReceipt = defineRoute({
  method: "get",
  path: "/api/receipts/verify",
  tags,
  summary: "Whether a receipt is genuine and unaltered (public)",
  description: [
    "No login. Answers from the receipt alone: its signature against the published keys, and the facts it states. No database is read, so the answer is exactly what anyone can check offline with the key set.",
    "Any token up to the length limit gets a 200 verdict: a changed fact or signature is `bad_signature`, a key not published `unknown_key`, something that is no compact JWS `malformed`. A missing, empty or over-long `r` is a 422. Rate limited: 60 per minute per client address.",
  ].join("\n\n"),
  request: {
    query: z.object({
      r: z.string().min(1).max(MAX_TOKEN_LENGTH).openapi({ description: "the receipt's token" }),
    }),
  },
  responses: { 200: jsonContent(VerdictSchema, "The verdict") },
  errors: ["RATE_LIMITED", "SERVICE_UNAVAILABLE"],
});
