import type { ReactNode } from "react";

/** A page title with optional actions on the right. */
export function PageHeader({
  title,
  actions,
  back,
}: {
  title: string;
  actions?: ReactNode;
  back?: ReactNode;
}) {
  return (
    <div className="page-head">
      <div className="page-head-title">
        {back}
        <h1>{title}</h1>
      </div>
      {actions && <div className="page-head-actions">{actions}</div>}
    </div>
  );
}
