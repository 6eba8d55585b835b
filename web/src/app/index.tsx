import { useCallback } from "react";
import { RouterProvider } from "react-router";
import { AppProvider } from "./provider";
import { router } from "./router";

export function App() {
  const onSessionEnd = useCallback((reason: "logout" | "expired") => {
    void router.navigate(reason === "expired" ? "/login?expired=1" : "/login", { replace: true });
  }, []);
  return (
    <AppProvider onSessionEnd={onSessionEnd}>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
