import { createRouter } from "../../lib/router";
import { requireRole, requireUser } from "../../middleware/auth";
import type { AuthedEnv } from "../../types";
import { adminStatementHandler, adminStatementRoute } from "../statements";
import * as handlers from "./admin.handlers";
import * as routes from "./routes";

const router = createRouter<AuthedEnv>();
// Admin only, decided before any validation or work.
router.use("/api/admin/*", requireUser, requireRole("admin"));

for (const path of routes.verifyBalancePaths) {
  router.openapi(routes.verifyBalance(path), handlers.verifyBalance);
}

export const adminRouter = router
  .openapi(routes.deposit, handlers.deposit)
  .openapi(routes.listCashIns, handlers.listCashIns)
  .openapi(routes.oneCashIn, handlers.oneCashIn)
  .openapi(routes.approveCashIn, handlers.approveCashIn)
  .openapi(routes.rejectCashIn, handlers.rejectCashIn)
  .openapi(routes.platformCard, handlers.platformCard)
  .openapi(routes.allUsers, handlers.allUsers)
  .openapi(routes.oneUser, handlers.oneUser)
  .openapi(routes.allCards, handlers.allCards)
  .openapi(routes.oneCard, handlers.oneCard)
  .openapi(adminStatementRoute, adminStatementHandler)
  .openapi(routes.allTransactions, handlers.allTransactions)
  .openapi(routes.oneTransactionByQuery, handlers.oneTransactionByQuery)
  .openapi(routes.oneTransaction, handlers.oneTransaction)
  .openapi(routes.cardStatus, handlers.cardStatus)
  .openapi(routes.userRole, handlers.userRole)
  .openapi(routes.verifyAll, handlers.verifyAll)
  .openapi(routes.dashboard, handlers.dashboard)
  .openapi(routes.auditLogRoute, handlers.auditLog)
  .openapi(routes.ledgerProof, handlers.ledgerProof)
  .openapi(routes.ledgerDigests, handlers.ledgerDigests);
