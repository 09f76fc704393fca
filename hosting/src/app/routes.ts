// The app's routes as data: parse a location hash into a Route and format a Route back.
// #/signin, #/ (home), #/<section>, #/meetings/:id, #/watch/:recordingId.

export const SECTION_IDS = [
  'recordings',
  'access',
  'storage',
  'settings',
  'alerts',
  'audit',
  'attendance',
  'captions',
  'meetings',
  'library',
  'trace',
  'security',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export type Route =
  | { readonly name: 'signin' }
  | { readonly name: 'home'; readonly section: SectionId | null }
  | { readonly name: 'meeting'; readonly meetingId: string }
  | { readonly name: 'watch'; readonly recordingId: string }
  | { readonly name: 'not-found'; readonly path: string };

export const HOME: Route = { name: 'home', section: null };

function isSection(value: string): value is SectionId {
  return (SECTION_IDS as readonly string[]).includes(value);
}

function decodeId(raw: string): string | null {
  try {
    const id = decodeURIComponent(raw);
    return id === '' ? null : id;
  } catch {
    return null;
  }
}

export function parseHash(hash: string): Route {
  // A query (#/watch/<id>?t=<seconds>) is the page's own business, not part of the route.
  const path = hash.replace(/^#/, '').split('?')[0]!.replace(/\/+$/, '') || '/';
  const parts = path.split('/').filter((part) => part !== '');
  const [first, second, ...rest] = parts;
  if (first === undefined) return HOME;
  if (rest.length === 0) {
    if (first === 'signin' && second === undefined) return { name: 'signin' };
    if (isSection(first) && second === undefined) return { name: 'home', section: first };
    if (first === 'meetings' && second !== undefined) {
      const meetingId = decodeId(second);
      if (meetingId) return { name: 'meeting', meetingId };
    }
    if (first === 'watch' && second !== undefined) {
      const recordingId = decodeId(second);
      if (recordingId) return { name: 'watch', recordingId };
    }
  }
  return { name: 'not-found', path };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'signin':
      return '#/signin';
    case 'home':
      return route.section ? `#/${route.section}` : '#/';
    case 'meeting':
      return `#/meetings/${encodeURIComponent(route.meetingId)}`;
    case 'watch':
      return `#/watch/${encodeURIComponent(route.recordingId)}`;
    case 'not-found':
      return `#${route.path}`;
  }
}
