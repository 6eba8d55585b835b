import type { ReactNode } from "react";

export function EmptyState({
  title,
  text,
  action,
  titleAs: Title = "p",
}: {
  title: string;
  text?: string;
  action?: ReactNode;
  /** "h1" where the state is the whole page (its only heading). */
  titleAs?: "p" | "h1";
}) {
  return (
    <div className="state">
      <div className="state-icon" aria-hidden="true">
        ∅
      </div>
      <Title className="state-title">{title}</Title>
      {text && <p className="state-text">{text}</p>}
      {action}
    </div>
  );
}
