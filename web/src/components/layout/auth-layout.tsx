import type { ReactNode } from "react";
import { LanguageSwitcher } from "./language-switcher";

/** The signed-out pages: a centred panel with the brand and the language choice. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="auth">
      <header className="auth-top">
        <LanguageSwitcher compact />
      </header>
      <main className="auth-panel">
        <div className="auth-brand">
          <span className="brand-mark" aria-hidden="true">
            C
          </span>
          <span className="brand-name">Cho'ntak</span>
        </div>
        <h1 className="auth-title">{title}</h1>
        {children}
      </main>
    </div>
  );
}
