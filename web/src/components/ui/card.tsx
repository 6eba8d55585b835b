import type { HTMLAttributes, ReactNode } from "react";

interface CardProps extends Omit<HTMLAttributes<HTMLElement>, "title"> {
  title?: ReactNode;
  actions?: ReactNode;
  as?: "section" | "div" | "article";
}

/** A surface with an optional title row; the page's building block. */
export function Card({
  title,
  actions,
  as: Tag = "section",
  className,
  children,
  ...props
}: CardProps) {
  return (
    <Tag className={["panel", className ?? ""].join(" ")} {...props}>
      {(title || actions) && (
        <div className="panel-head">
          {title && <h2 className="panel-title">{title}</h2>}
          {actions && <div className="panel-actions">{actions}</div>}
        </div>
      )}
      {children}
    </Tag>
  );
}
