import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

/** The brand colours, as in styles.css (--brand, --bg) and the splash in index.html. */
const BRAND = "#0f8a6c";
const BACKGROUND = "#f4f6fa";

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // A new version takes over the shell as soon as it is installed, but the open
      // page is never reloaded under the user (main.tsx): the next load runs it.
      registerType: "autoUpdate",
      injectRegister: false,
      includeAssets: ["favicon.svg", "favicon-32.png", "icons/apple-touch-icon.png"],
      manifest: {
        id: "/",
        name: "Cho'ntak",
        short_name: "Cho'ntak",
        description: "Cho'ntak: kartalar, o'tkazmalar va to'lovlar bitta hamyonda",
        lang: "uz",
        dir: "ltr",
        start_url: "/dashboard",
        scope: "/",
        display: "standalone",
        orientation: "portrait",
        theme_color: BRAND,
        background_color: BACKGROUND,
        categories: ["finance"],
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          {
            src: "/icons/maskable-512.png",
            sizes: "512x512",
            type: "image/png",
            purpose: "maskable",
          },
        ],
      },
      workbox: {
        // Only the app shell is stored: the built HTML, JS, CSS, icons and fonts.
        globPatterns: ["**/*.{html,js,css,svg,png,woff2}"],
        // No runtime caching at all: an API answer (balances, cards, history) is never
        // kept by the worker, whether the API is on another origin (VITE_API_URL) or
        // this one. Precached URLs are this origin's build files, nothing else.
        runtimeCaching: [],
        // Navigations to app routes get the shell; API paths and files never do.
        navigateFallback: "/index.html",
        navigateFallbackDenylist: [/^\/api(\/|$)/, /\/[^/]+\.[a-z0-9]+$/i],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  server: { host: "127.0.0.1", port: 5173 },
});
