import type { ButtonHTMLAttributes, ReactNode } from "react";
import { Link, type LinkProps } from "react-router";
import { Spinner } from "./spinner";

type Variant = "primary" | "secondary" | "ghost" | "danger";

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  size?: "md" | "sm";
  loading?: boolean;
  block?: boolean;
  icon?: ReactNode;
}

const classes = (variant: Variant, size: string, block?: boolean, extra?: string) =>
  ["btn", `btn-${variant}`, size === "sm" ? "btn-sm" : "", block ? "btn-block" : "", extra ?? ""]
    .filter(Boolean)
    .join(" ");

export function Button({
  variant = "primary",
  size = "md",
  loading = false,
  block,
  icon,
  className,
  disabled,
  children,
  type = "button",
  ...props
}: ButtonProps) {
  return (
    <button
      type={type}
      className={classes(variant, size, block, className)}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      {...props}
    >
      {loading ? <Spinner size="sm" /> : icon}
      {children}
    </button>
  );
}

/** A link styled as a button (navigation stays a link for the keyboard and the browser). */
export function ButtonLink({
  variant = "primary",
  size = "md",
  block,
  icon,
  className,
  children,
  ...props
}: LinkProps & { variant?: Variant; size?: "md" | "sm"; block?: boolean; icon?: ReactNode }) {
  return (
    <Link className={classes(variant, size, block, className)} {...props}>
      {icon}
      {children}
    </Link>
  );
}
