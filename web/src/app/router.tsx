import { createBrowserRouter, Navigate } from "react-router";
import { RouteError } from "../components/errors/route-error";
import { AppLayout } from "../components/layout/app-layout";
import { Splash } from "../components/splash";
import { ProtectedRoute } from "../lib/auth/auth";
import { session } from "../lib/auth/session";

/** "/" goes to the dashboard when signed in, else to the login page (decided per visit). */
function RootRedirect() {
  return <Navigate to={session.isSignedIn() ? "/dashboard" : "/login"} replace />;
}

/** Pages load on demand (the charts are heavy); each has its own error boundary. */
const page = (load: () => Promise<{ default: React.ComponentType }>) => ({
  lazy: async () => ({ Component: (await load()).default }),
  ErrorBoundary: RouteError,
});

export const router = createBrowserRouter([
  {
    path: "/",
    ErrorBoundary: RouteError,
    // Shown while the first screen's code loads (the same splash as index.html).
    HydrateFallback: Splash,
    children: [
      {
        index: true,
        Component: RootRedirect,
      },
      { path: "login", ...page(() => import("./routes/login")) },
      { path: "register", ...page(() => import("./routes/register")) },
      { path: "r/:token", ...page(() => import("./routes/receipt-check")) },
      {
        element: (
          <ProtectedRoute>
            <AppLayout />
          </ProtectedRoute>
        ),
        children: [
          { path: "dashboard", ...page(() => import("./routes/dashboard")) },
          { path: "cards", ...page(() => import("./routes/cards")) },
          { path: "cards/:cardId", ...page(() => import("./routes/card")) },
          { path: "send", ...page(() => import("./routes/send")) },
          { path: "history", ...page(() => import("./routes/history")) },
          { path: "history/:transactionId", ...page(() => import("./routes/transaction")) },
          { path: "profile", ...page(() => import("./routes/profile")) },
          { path: "admin", ...page(() => import("./routes/admin")) },
          { path: "saved-cards", ...page(() => import("./routes/saved-cards")) },
          { path: "premium", ...page(() => import("./routes/premium")) },
          { path: "requests", ...page(() => import("./routes/requests")) },
          { path: "requests/:requestId", ...page(() => import("./routes/request")) },
          { path: "pay/:requestId", ...page(() => import("./routes/pay")) },
          { path: "*", ...page(() => import("./routes/not-found")) },
        ],
      },
    ],
  },
]);
