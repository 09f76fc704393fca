// What may name one of our documents. Firestore refuses ids with "/", "." and "..", ids over
// 1500 bytes and every id of the form __…__ (reserved) with an error, not an answer: anything a
// client or a signed-but-foreign message names goes through here before it reaches a document path.

/** The ids we mint and accept in paths: letters, digits, _ and -, at most 128. */
export const ID_PATTERN = '[A-Za-z0-9_-]{1,128}';
const OUR_ID = new RegExp(`^${ID_PATTERN}$`);

/** Firestore's reserved ids (`__name__`, `__x__`): a read or write with one throws. */
export const isReservedId = (id: string): boolean => /^__.*__$/.test(id);

/** One of our ids: the shape we mint, never a reserved one. */
export const isOurId = (id: string): boolean => OUR_ID.test(id) && !isReservedId(id);

/** Firestore's byte limit for a document id. */
const MAX_DOCUMENT_ID_BYTES = 1500;

/**
 * An id someone else chose (a LiveKit event id, a room name) that we still key a document by:
 * anything Firestore takes as one path segment.
 */
export function isUsableDocumentId(id: string): boolean {
  return (
    id.length > 0 &&
    new TextEncoder().encode(id).length <= MAX_DOCUMENT_ID_BYTES &&
    !id.includes('/') &&
    id !== '.' &&
    id !== '..' &&
    !isReservedId(id)
  );
}
