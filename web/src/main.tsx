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

// The service worker (the installable, precached shell) is registered once the page
// has loaded and the browser is idle, so precaching never competes with the first
// screen. A new version takes over at once but never reloads the open page: a form
// being filled or a transfer being confirmed stays put; the next load runs it.
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  const register = () =>
    void import("virtual:pwa-register").then(({ registerSW }) =>
      registerSW({ immediate: true, onNeedReload: () => undefined }),
    );
  window.addEventListener("load", () => {
    if ("requestIdleCallback" in window) requestIdleCallback(register, { timeout: 3000 });
    else setTimeout(register, 1000);
  });
}
