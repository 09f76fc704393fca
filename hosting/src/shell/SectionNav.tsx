// Role-aware section navigation (tabs on wide screens, a scrolling row on phones).
import type { NavItem } from './nav-derive';
import { routeHref, type SectionId } from '../app/routes';

/** Counts shown next to a section's name (e.g. unread alerts); zero or missing shows nothing. */
export type NavBadges = Partial<Record<SectionId, number | null>>;

export function SectionNav({
  items,
  active,
  badges = {},
}: {
  items: readonly NavItem[];
  active: SectionId | null;
  badges?: NavBadges;
}) {
  return (
    <nav class="section-nav" aria-label="Sections">
      <ul>
        {items.map((item) => (
          <li key={item.section}>
            <a
              href={routeHref({ name: 'home', section: item.section })}
              aria-current={item.section === active ? 'page' : undefined}
            >
              {item.label}
              <NavBadge count={badges[item.section]} />
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function NavBadge({ count }: { count: number | null | undefined }) {
  if (!count) return null;
  return (
    <span class="nav-badge">
      {count > 99 ? '99+' : count}
      <span class="visually-hidden"> unread</span>
    </span>
  );
}
