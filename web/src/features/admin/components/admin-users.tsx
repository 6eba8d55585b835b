import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button";
import { Card } from "../../../components/ui/card";
import { InlineError } from "../../../components/ui/error-state";
import { Input, Select } from "../../../components/ui/input";
import { ConfirmDialog } from "../../../components/ui/modal";
import type { User } from "../../../lib/api/client";
import { formatBasisPoints, formatSom } from "../../../lib/money";
import { type RoleTerms, useTerms } from "../../../lib/terms";
import { useDebounced } from "../../../lib/use-debounced";
import { type UserSearch, useAdminUsers, useSetUserRole } from "../api/admin";
import { ListState, Pager, usePagedFilters } from "./admin-list-parts";
import { maskPhone } from "./people";

type RoleChange = { user: User; target: "premium" | "user" };

/** What a role change means for the person: the new plan's fee, limit and card count. */
function RoleChangeText({ change, terms }: { change: RoleChange; terms?: RoleTerms }) {
  const { t } = useTranslation();
  const { user, target } = change;
  return (
    <div className="stack">
      <p>
        {t(target === "premium" ? "admin.roleToPremiumText" : "admin.roleToUserText", {
          name: user.full_name,
          phone: maskPhone(user.phone_number),
        })}
      </p>
      {terms && (
        <p data-testid="role-terms">
          {t("admin.roleTerms", {
            commission: formatBasisPoints(terms.commission_bp),
            max: formatSom(terms.max_amount, t("currency")),
            cards: t("admin.roleCards", { count: terms.max_cards }),
          })}
        </p>
      )}
      {target === "user" && <p>{t("admin.roleToUserEffects")}</p>}
    </div>
  );
}

/** Users by name, phone and role; a basic user can be moved to premium and back, after a confirm. */
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
  const terms = useTerms().data?.roles;
  const setRoleMutation = useSetUserRole();
  const [change, setChange] = useState<RoleChange | null>(null);

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
                      aria-label={
                        user.role === "user"
                          ? t("admin.makePremiumLabel", { name: user.full_name })
                          : t("admin.makeUserLabel", { name: user.full_name })
                      }
                      onClick={() => {
                        setRoleMutation.reset();
                        setChange({ user, target: user.role === "user" ? "premium" : "user" });
                      }}
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
      {change && (
        <ConfirmDialog
          open
          title={t("admin.roleTitle")}
          text={
            <div className="stack">
              <RoleChangeText change={change} terms={terms?.[change.target]} />
              <InlineError error={setRoleMutation.error} />
            </div>
          }
          confirmLabel={change.target === "premium" ? t("admin.makePremium") : t("admin.makeUser")}
          loading={setRoleMutation.isPending}
          onConfirm={() =>
            setRoleMutation.mutate(
              { id: change.user.id, action: change.target },
              { onSuccess: () => setChange(null) },
            )
          }
          onCancel={() => {
            if (!setRoleMutation.isPending) setChange(null);
          }}
        />
      )}
    </Card>
  );
}
