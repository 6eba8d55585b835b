import { swaggerUI } from "@hono/swagger-ui";
import { bodyLimit } from "hono/body-limit";
import { languageDetector } from "hono/language";
import { methodNotAllowed } from "hono/method-not-allowed";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { adminRouter } from "./features/admin";
import { authRouter } from "./features/auth";
import { avatarsRouter } from "./features/avatars";
import { cardsRouter } from "./features/cards";
import { healthRouter } from "./features/health";
import { passkeysRouter } from "./features/passkeys";
import { paymentRequestsRouter } from "./features/payment-requests";
import { receiptsRouter } from "./features/receipts";
import { savedCardsRouter } from "./features/saved-cards";
import { statementsRouter } from "./features/statements";
import { stepUpRouter } from "./features/step-up";
import { subscriptionsRouter } from "./features/subscriptions";
import { termsRouter } from "./features/terms";
import { transactionsRouter } from "./features/transactions";
import { isBodyCapped, JSON_BODY_LIMIT } from "./lib/openapi";
import { ApiError, methodNotAllowedResponse, onError, onNotFound } from "./lib/problem";
import { createRouter } from "./lib/router";
import { requestContext } from "./middleware/context";
import { corsForConfiguredOrigins } from "./middleware/cors";
import { jsonBody } from "./middleware/json-body";

export function createApp() {
  const app = createRouter();

  app.use(requestId());
  app.use(
    languageDetector({
      supportedLanguages: ["uz", "ru", "en"],
      fallbackLanguage: "uz",
      order: ["header"],
      caches: false,
    }),
  );
  app.use(methodNotAllowed({ app, onMethodNotAllowed: methodNotAllowedResponse }));
  // Before requestContext, so even the 503 of a misconfigured deploy carries them.
  app.use(
    secureHeaders({
      // Swagger UI at /docs loads its script and styles from a CDN.
      contentSecurityPolicy: undefined,
      crossOriginResourcePolicy: "cross-origin",
    }),
  );
  app.use(requestContext);
  app.use(corsForConfiguredOrigins);
  const limitJsonBody = bodyLimit({
    maxSize: JSON_BODY_LIMIT,
    onError: () => {
      throw new ApiError("PAYLOAD_TOO_LARGE");
    },
  });
  app.use((c, next) => (isBodyCapped(c.req.path) ? limitJsonBody(c, next) : next()));
  app.use(jsonBody);

  app.route("/", healthRouter);
  app.route("/", termsRouter);
  app.route("/", authRouter);
  app.route("/", cardsRouter);
  app.route("/", statementsRouter);
  app.route("/", transactionsRouter);
  app.route("/", subscriptionsRouter);
  app.route("/", adminRouter);
  app.route("/", savedCardsRouter);
  app.route("/", avatarsRouter);
  app.route("/", paymentRequestsRouter);
  app.route("/", receiptsRouter);
  app.route("/", passkeysRouter);
  app.route("/", stepUpRouter);

  app.openAPIRegistry.registerComponent("securitySchemes", "OAuth2PasswordBearer", {
    type: "oauth2",
    flows: { password: { tokenUrl: "/api/auth/login", scopes: {} } },
  });
  app.doc31("/openapi.json", (c) => ({
    openapi: "3.1.0",
    info: {
      title: "Cho'ntak Wallet API",
      version: c.var.config.APP_VERSION,
      description:
        "Virtual cards, card-to-card transfers with a double-entry ledger, saved cards, premium and admin tools. Money is a two-decimal so'm string; errors are RFC 9457 problems.",
    },
  }));
  app.get("/docs", swaggerUI({ url: "/openapi.json", persistAuthorization: true }));

  app.notFound(onNotFound);
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
