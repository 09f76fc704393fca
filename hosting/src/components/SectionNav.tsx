// Role-aware section navigation (tabs on wide screens, a scrolling row on phones).
import type { NavItem } from '../models/nav-derive';
import { routeHref, type SectionId } from '../models/routes';

export function SectionNav({ items, active }: { items: readonly NavItem[]; active: SectionId | null }) {
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
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
