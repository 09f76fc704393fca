// The browser tab's title for a page: its main heading, then the product name.

const PRODUCT = 'LectureVault';

/** "My library · LectureVault"; the product name alone when the page has no heading of its own. */
export function documentTitle(heading: string | null | undefined): string {
  const name = heading?.replace(/\s+/g, ' ').trim();
  return name && name !== PRODUCT ? `${name} · ${PRODUCT}` : PRODUCT;
}
