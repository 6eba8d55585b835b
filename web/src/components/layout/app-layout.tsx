import { useTranslation } from "react-i18next";
import { NavLink, Outlet } from "react-router";
import { useLogout, useUser } from "../../lib/auth/auth";
import { Icon, type IconName } from "../ui/icons";
import { LanguageSwitcher } from "./language-switcher";
import { MoreMenu } from "./more-menu";

interface NavItem {
  to: string;
  label: string;
  icon: IconName;
  adminOnly?: boolean;
  /** Kept out of the phone tab bar (too narrow); reached from its "More" sheet there. */
  desktopOnly?: boolean;
}

/** The app's sections. On phones, saved cards, requests, premium and admin are in the tab bar's "More" sheet. */
const NAV: NavItem[] = [
  { to: "/dashboard", label: "nav.dashboard", icon: "home" },
  { to: "/cards", label: "nav.cards", icon: "card" },
  { to: "/send", label: "nav.send", icon: "send" },
  { to: "/saved-cards", label: "nav.savedCards", icon: "card", desktopOnly: true },
  { to: "/history", label: "nav.history", icon: "history" },
  { to: "/requests", label: "nav.requests", icon: "qr", desktopOnly: true },
  { to: "/premium", label: "nav.premium", icon: "shield", desktopOnly: true },
  { to: "/profile", label: "nav.profile", icon: "user" },
  { to: "/admin", label: "nav.admin", icon: "shield", adminOnly: true, desktopOnly: true },
];

export function AppLayout() {
  const { t } = useTranslation();
  const user = useUser();
  const logout = useLogout();
  const items = NAV.filter((item) => !item.adminOnly || user.data?.role === "admin");

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <header className="topbar">
        <NavLink to="/dashboard" className="brand" aria-label="Cho'ntak">
          <span className="brand-mark" aria-hidden="true">
            C
          </span>
          <span className="brand-name">Cho'ntak</span>
        </NavLink>
        <nav className="topnav" aria-label={t("nav.main")}>
          {items.map((item) => (
            <NavLink key={item.to} to={item.to} className="topnav-link">
              {t(item.label)}
            </NavLink>
          ))}
        </nav>
        <div className="topbar-actions">
          <LanguageSwitcher compact />
          <button
            type="button"
            className="icon-btn"
            onClick={() => logout.mutate()}
            disabled={logout.isPending}
            title={t("nav.logout")}
          >
            <Icon name="logout" />
            <span className="visually-hidden">{t("nav.logout")}</span>
          </button>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <nav className="tabbar" aria-label={t("nav.main")}>
        {items
          .filter((item) => !item.desktopOnly)
          .map((item) => (
            <NavLink key={item.to} to={item.to} className="tabbar-link">
              <Icon name={item.icon} />
              <span>{t(item.label)}</span>
            </NavLink>
          ))}
        <MoreMenu
          items={items
            .filter((item) => item.desktopOnly)
            .map((item) => ({ to: item.to, label: item.label, icon: <Icon name={item.icon} /> }))}
        />
      </nav>
    </div>
  );
}
