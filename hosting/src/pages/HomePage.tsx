// Signed-in home: the role's sections as navigation, and the chosen section's (placeholder) panel.
import type { Profile } from '../api/me-api';
import { SectionNav } from '../components/SectionNav';
import { EmptyPanel } from '../components/StatusPanels';
import { navForRole, resolveSection } from '../models/nav-derive';
import type { SectionId } from '../models/routes';

export function HomePage({ profile, section }: { profile: Profile; section: SectionId | null }) {
  const items = navForRole(profile.role);
  const resolved = resolveSection(profile.role, section);
  const active = resolved.kind === 'ok' ? resolved.item.section : null;

  return (
    <div class="home">
      <SectionNav items={items} active={active} />
      {resolved.kind === 'ok' ? (
        <section class="panel" aria-labelledby="section-title">
          <div class="panel-head">
            <h1 id="section-title" class="panel-title">
              {resolved.item.label}
            </h1>
            <span class="soon-badge">Coming soon</span>
          </div>
          <p class="muted">{resolved.item.blurb}</p>
          <EmptyPanel title="Nothing here yet">
            <p class="muted">This section is being built. Check back soon.</p>
          </EmptyPanel>
        </section>
      ) : (
        <section class="panel" aria-labelledby="section-title">
          <h1 id="section-title" class="panel-title">
            Not available
          </h1>
          <p class="muted">This section is not part of your account. Choose one of the sections above.</p>
        </section>
      )}
    </div>
  );
}
