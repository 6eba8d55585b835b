import type { RouteHandler } from "@hono/zod-openapi";
import { webAppOrigin } from "../../config";
import { clientIp, enforceRateLimit } from "../../lib/rate-limit";
import type { AppEnv, SessionEnv } from "../../types";
import { publicKeySet, receiptKeys } from "./keys";
import { receiptFacts } from "./receipt";
import type * as routes from "./receipts.routes";
import { getReceiptTransaction } from "./receipts.service";
import { signReceipt, verifyReceipt as verifyToken } from "./signing";

export const getReceipt: RouteHandler<typeof routes.getReceipt, SessionEnv> = async (c) => {
  const [snapshot, keys] = await Promise.all([
    getReceiptTransaction(c.var.db(), c.var.session.sub, c.req.valid("param").id),
    receiptKeys(c.var.config),
  ]);
  const receipt = receiptFacts(snapshot);
  const token = await signReceipt(keys, receipt);
  const verifyUrl = `${webAppOrigin(c.var.config)}/r/${token}`;
  if (c.req.valid("query").format === "pdf") {
    // Loaded on first use: the fonts stay out of every other import of the app (the
    // OpenAPI generator imports it under Node, which cannot load a .ttf module).
    const { receiptPdf } = await import("./receipt-pdf");
    const pdf = await receiptPdf(receipt, verifyUrl, keys.kid, c.get("language"));
    return c.body(pdf, 200, {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="chontak-receipt-${receipt.id}.pdf"`,
      "Cache-Control": "private, no-store",
    });
  }
  return c.json({ receipt, token, kid: keys.kid, verify_url: verifyUrl }, 200);
};

export const getReceiptKeys: RouteHandler<typeof routes.getReceiptKeys, AppEnv> = async (c) => {
  const keys = await receiptKeys(c.var.config);
  // Public material any verifier may fetch, from any origin.
  c.header("Access-Control-Allow-Origin", "*");
  c.header("Cache-Control", "public, max-age=300");
  return c.json(publicKeySet(keys), 200);
};

export const verifyReceipt: RouteHandler<typeof routes.verifyReceipt, AppEnv> = async (c) => {
  await enforceRateLimit(c, "receiptVerify", clientIp(c));
  const verdict = await verifyToken(await receiptKeys(c.var.config), c.req.valid("query").r);
  c.header("Cache-Control", "no-store");
  return c.json(
    verdict.valid
      ? { valid: true, reason: null, kid: verdict.kid, receipt: verdict.receipt }
      : { valid: false, reason: verdict.reason, kid: null, receipt: null },
    200,
  );
};
