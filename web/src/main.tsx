import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import "./styles.css";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// The service worker (the installable, precached shell) is registered a few seconds
// after the page has loaded, when the browser is idle: precaching the shell never
// competes with the first screen's code and API calls on a slow line. A new version
// takes over at once but never reloads the open page: a form being filled or a
// transfer being confirmed stays put; the next load runs it.
const SERVICE_WORKER_DELAY_MS = 3000;
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  const register = () =>
    void import("virtual:pwa-register").then(({ registerSW }) =>
      registerSW({ immediate: true, onNeedReload: () => undefined }),
    );
  const whenIdle = () =>
    "requestIdleCallback" in window
      ? requestIdleCallback(register, { timeout: 5000 })
      : setTimeout(register, 0);
  window.addEventListener("load", () => setTimeout(whenIdle, SERVICE_WORKER_DELAY_MS));
}
