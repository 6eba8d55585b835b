import { useTranslation } from "react-i18next";
import { LanguageSwitcher } from "../../components/layout/language-switcher";
import { PageHeader } from "../../components/layout/page";
import { Button, ButtonLink } from "../../components/ui/button";
import { Card } from "../../components/ui/card";
import { Spinner } from "../../components/ui/spinner";
import { AvatarForm } from "../../features/profile/components/avatar-form";
import { DevicesSection } from "../../features/profile/components/devices-section";
import { PasskeysSection } from "../../features/profile/components/passkeys-section";
import { PasswordForm } from "../../features/profile/components/password-form";
import { PhoneDiscovery } from "../../features/profile/components/phone-discovery";
import { ProfileForm } from "../../features/profile/components/profile-form";
import { useLogout, useUser } from "../../lib/auth/auth";

export default function ProfileRoute() {
  const { t } = useTranslation();
  const user = useUser();
  const logout = useLogout();
  return (
    <div className="page page-narrow">
      <PageHeader
        title={t("nav.profile")}
        actions={
          <ButtonLink to="/premium" variant="secondary" size="sm">
            {t("nav.premium")}
          </ButtonLink>
        }
      />
      {user.data ? (
        <>
          <AvatarForm user={user.data} />
          <ProfileForm user={user.data} />
          <PhoneDiscovery user={user.data} />
        </>
      ) : (
        <Spinner />
      )}
      <PasswordForm />
      {user.data && <PasskeysSection user={user.data} />}
      <DevicesSection />
      <Card title={t("profile.settings")}>
        <LanguageSwitcher />
        <Button variant="danger" onClick={() => logout.mutate()} loading={logout.isPending}>
          {t("nav.logout")}
        </Button>
      </Card>
    </div>
  );
}
