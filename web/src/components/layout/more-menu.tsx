import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { NavLink, useLocation } from "react-router";

/** Three dots, drawn like the other tab icons. */
function MoreIcon() {
  return (
    <svg
      width={20}
      height={20}
      viewBox="0 0 24 24"
      fill="currentColor"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="5" cy="12" r="1.8" />
      <circle cx="12" cy="12" r="1.8" />
      <circle cx="19" cy="12" r="1.8" />
    </svg>
  );
}

/**
 * The phone tab bar's last tab: the sections that do not fit in it open in a
 * bottom sheet (a modal dialog: focus stays inside, Escape and a tap outside
 * close it). Choosing a section closes the sheet; the tab looks active while one
 * of its sections is the current page.
 */
export function MoreMenu({ items }: { items: { to: string; label: string; icon: ReactNode }[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const sheet = useRef<HTMLDialogElement>(null);
  const { pathname } = useLocation();
  const current = items.some((item) => pathname.startsWith(item.to));

  useEffect(() => {
    const dialog = sheet.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <>
      <button
        type="button"
        className={`tabbar-link tabbar-more${current ? " active" : ""}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
      >
        <MoreIcon />
        <span>{t("nav.more")}</span>
      </button>
      <dialog
        ref={sheet}
        className="sheet"
        aria-label={t("nav.more")}
        onClose={() => setOpen(false)}
        onClick={(event) => {
          // A click on the backdrop lands on the dialog element itself.
          if (event.target === event.currentTarget) setOpen(false);
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape") setOpen(false);
        }}
      >
        <ul className="sheet-list">
          {items.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} className="sheet-link" onClick={() => setOpen(false)}>
                {item.icon}
                <span>{t(item.label)}</span>
              </NavLink>
            </li>
          ))}
        </ul>
      </dialog>
    </>
  );
}
