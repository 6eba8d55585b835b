import { useEffect, useState } from "react";
import { API_URL } from "./config";

type Health = { status: string; checks: Record<string, { status: string }> };

/** Placeholder shell until the wallet pages land: shows whether the API is reachable. */
export function App() {
  const [health, setHealth] = useState<Health | "loading" | "unreachable">("loading");

  useEffect(() => {
    fetch(`${API_URL}/api/health`)
      .then((response) => response.json() as Promise<Health>)
      .then(setHealth)
      .catch(() => setHealth("unreachable"));
  }, []);

  return (
    <main
      style={{ fontFamily: "system-ui, sans-serif", padding: 24, maxWidth: 480, margin: "0 auto" }}
    >
      <h1>Cho'ntak</h1>
      <p>Virtual cards and card-to-card transfers.</p>
      <p>
        API:{" "}
        {health === "loading"
          ? "tekshirilmoqda…"
          : health === "unreachable"
            ? "ulanib bo'lmadi"
            : `${health.status} (postgres: ${health.checks.postgres?.status}, redis: ${health.checks.redis?.status})`}
      </p>
    </main>
  );
}
