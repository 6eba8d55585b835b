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
// has loaded, off the first paint's path. A new version takes over at once but never
// reloads the open page: a form being filled or a transfer being confirmed stays put,
// and the next load runs the new version.
if (import.meta.env.PROD && "serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    void import("virtual:pwa-register").then(({ registerSW }) =>
      registerSW({ immediate: true, onNeedReload: () => undefined }),
    );
  });
}
