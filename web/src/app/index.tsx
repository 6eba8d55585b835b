import { useCallback } from "react";
import { RouterProvider } from "react-router";
import type { SessionEndReason } from "../lib/auth/session";
import { AppProvider } from "./provider";
import { router } from "./router";

/** Where a session's end leads: the login page, saying why when it is not a plain logout. */
const LOGIN_AFTER: Record<SessionEndReason, string> = {
  logout: "/login",
  expired: "/login?expired=1",
  "password-changed": "/login?password_changed=1",
};

export function App() {
  const onSessionEnd = useCallback((reason: SessionEndReason) => {
    void router.navigate(LOGIN_AFTER[reason], { replace: true });
  }, []);
  return (
    <AppProvider onSessionEnd={onSessionEnd}>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
