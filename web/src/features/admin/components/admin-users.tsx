import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { InlineError } from "../../../components/ui/error-state";
import { Input, Select } from "../../../components/ui/input";
import type { User } from "../../../lib/api/client";
import { useDebounced } from "../../../lib/use-debounced";
import { type UserSearch, useAdminUsers, useSetUserRole } from "../api/admin";
import { ListState, Pager, usePagedFilters } from "./admin-list-parts";

/** Users by name, phone and role; a basic user can be moved to premium and back. */
export function AdminUsers() {
  const { t } = useTranslation();
  const { filters, page, setPage, bind } = usePagedFilters({ name: "", phone: "", role: "" });
  const { name, phone, role } = filters;
  const search: UserSearch = useDebounced({
    ...(name.trim().length >= 1 ? { search_name: name.trim() } : {}),
    ...(phone.trim().length >= 1 ? { search_number: phone.trim() } : {}),
    ...(role ? { search_role: role as UserSearch["search_role"] } : {}),
  });
  const users = useAdminUsers(search, page);
  const setRoleMutation = useSetUserRole();

  return (
    <Card title={t("admin.users")}>
      <search className="filters-grid">
        <Input label={t("auth.fullName")} type="search" {...bind("name")} />
        <Input label={t("auth.phone")} type="search" inputMode="tel" {...bind("phone")} />
        <Select label={t("profile.role")} {...bind("role")}>
          <option value="">{t("history.all")}</option>
          <option value="user">{t("role.user")}</option>
          <option value="premium">{t("role.premium")}</option>
          <option value="admin">{t("role.admin")}</option>
        </Select>
      </search>
      <InlineError error={setRoleMutation.error} />
      <ListState
        query={users}
        items={users.data?.data}
        render={(items: User[]) => (
          <ul className="admin-list" aria-busy={users.isFetching || undefined}>
            {items.map((user) => (
              <li key={user.id} className="admin-row" data-testid="admin-user">
                <div className="admin-main">
                  <span className="admin-title">{user.full_name}</span>
                  <span className="small">{user.phone_number}</span>
                  <span className="muted small">{t(`role.${user.role}`)}</span>
                </div>
                {user.role !== "admin" && (
                  <div className="admin-actions">
                    <Button
                      variant="secondary"
                      size="sm"
                      loading={
                        setRoleMutation.isPending && setRoleMutation.variables?.id === user.id
                      }
                      aria-label={
                        user.role === "user"
                          ? t("admin.makePremiumLabel", { name: user.full_name })
                          : t("admin.makeUserLabel", { name: user.full_name })
                      }
                      onClick={() =>
                        setRoleMutation.mutate({
                          id: user.id,
                          action: user.role === "user" ? "premium" : "user",
                        })
                      }
                    >
                      {user.role === "user" ? t("admin.makePremium") : t("admin.makeUser")}
                    </Button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      />
      <Pager page={page} totalPages={users.data?.total_pages ?? 1} onPage={setPage} />
    </Card>
  );
}
