// Signed-in home: the role's sections as navigation, and the chosen section.
import type { Profile } from '../api/me-api';
import { SectionNav } from './SectionNav';
import { useApp } from '../app/app-context';
import { navForRole, resolveSection } from './nav-derive';
import { routeHref, type SectionId } from '../app/routes';
import { SECTIONS } from './section-registry';
import { PageHeading } from '../ui/PageHeading';

export function HomePage({ profile, section }: { profile: Profile; section: SectionId | null }) {
  const { unreadAlerts } = useApp();
  const items = navForRole(profile.role);
  const resolved = resolveSection(profile.role, section);
  const active = resolved.kind === 'ok' ? resolved.item.section : null;
  const Section = resolved.kind === 'ok' ? SECTIONS[resolved.item.section] : null;

  return (
    <div class="home">
      <SectionNav items={items} active={active} badges={{ alerts: unreadAlerts.count.value }} />
      {profile.secondFactorNeeded && active !== 'security' ? (
        <p class="second-factor-banner" role="status">
          <strong>Admin actions need a second factor.</strong> This project requires admins to sign in with an
          authenticator app. <a href={routeHref({ name: 'home', section: 'security' })}>Set one up in Security</a>, then
          sign out and sign in with it.
        </p>
      ) : null}
      {resolved.kind === 'ok' && Section ? (
        <section class="panel" aria-labelledby="section-title">
          <div class="panel-head">
            <PageHeading id="section-title" title={resolved.item.label} />
          </div>
          <p class="muted">{resolved.item.blurb}</p>
          <Section profile={profile} />
        </section>
      ) : (
        <section class="panel" aria-labelledby="section-title">
          <PageHeading id="section-title" title="Not available" />
          <p class="muted">This section is not part of your account. Choose one of the sections above.</p>
        </section>
      )}
    </div>
  );
}
