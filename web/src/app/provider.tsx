import { QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useEffect } from "react";
import { I18nextProvider } from "react-i18next";
import { type SessionEndReason, session } from "../lib/auth/session";
import { i18n } from "../lib/i18n";
import { queryClient } from "../lib/query-client";

/**
 * App-wide providers. When the session ends (logout, a refused refresh, another
 * tab logging out) the cache is dropped and the user lands on /login.
 */
export function AppProvider({
  children,
  onSessionEnd,
}: {
  children: ReactNode;
  onSessionEnd: (reason: SessionEndReason) => void;
}) {
  useEffect(
    () =>
      session.onEnd((reason) => {
        queryClient.clear();
        onSessionEnd(reason);
      }),
    [onSessionEnd],
  );
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </I18nextProvider>
  );
}
