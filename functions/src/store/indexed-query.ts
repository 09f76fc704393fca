// Every Firestore query of LectureVault is built here (ESLint refuses .where/.orderBy elsewhere).
// The emulator runs any query; production refuses one whose composite index was never created
// (FAILED_PRECONDITION) — after the write before it may already have happened. So a query states
// its clauses, the composite index it needs is derived from them, and building it fails unless
// that index is in QUERY_INDEXES, which a unit test holds equal to firestore.indexes.json.
import type { CollectionReference, Query, WhereFilterOp } from 'firebase-admin/firestore';
import { indexKey, QUERY_INDEXES, type CompositeIndex, type IndexField } from './index-catalogue';

export type Direction = 'asc' | 'desc';
type RangeOp = Extract<WhereFilterOp, '<' | '<=' | '>' | '>=' | '!='>;

export interface QueryClauses {
  /** Equality filters; a field whose value is undefined is left out. */
  equals?: Readonly<Record<string, unknown>>;
  /** `in` filters (at most 30 values: Firestore's limit). */
  anyOf?: Readonly<Record<string, readonly unknown[]>>;
  range?: ReadonlyArray<readonly [field: string, op: RangeOp, value: unknown]>;
  /** One `array-contains` filter (Firestore allows one per query). */
  contains?: readonly [field: string, value: unknown];
  orderBy?: ReadonlyArray<readonly [field: string, direction: Direction]>;
  /** Fields the caller sums or averages over (an aggregation): they must be in the index too. */
  sums?: readonly string[];
  startAfter?: unknown;
  limit?: number;
}

const ORDER = { asc: 'ASCENDING', desc: 'DESCENDING' } as const;

/**
 * The composite index Firestore needs for these clauses, or null when its automatic single-field
 * indexes serve them: equalities alone (merged), or sorting and ranges on one field alone.
 * Equality fields come first (by name: the order we declare them in), then the sort fields, then
 * range fields not sorted on, then fields summed over.
 */
export function requiredIndex(collectionGroup: string, clauses: QueryClauses): CompositeIndex | null {
  const equalities = [
    ...Object.entries(clauses.equals ?? {})
      .filter(([, value]) => value !== undefined)
      .map(([field]) => field),
    ...Object.keys(clauses.anyOf ?? {}),
  ].sort();
  const sorts: IndexField[] = (clauses.orderBy ?? []).map(([fieldPath, direction]) => ({
    fieldPath,
    order: ORDER[direction],
  }));
  for (const field of [...(clauses.range ?? []).map(([field]) => field), ...(clauses.sums ?? [])]) {
    if (!sorts.some((s) => s.fieldPath === field)) sorts.push({ fieldPath: field, order: 'ASCENDING' });
  }
  const arrays: IndexField[] = clauses.contains ? [{ fieldPath: clauses.contains[0], arrayConfig: 'CONTAINS' }] : [];
  if (!sorts.length || (!equalities.length && !arrays.length && sorts.length === 1)) return null;
  return {
    collectionGroup,
    queryScope: 'COLLECTION',
    fields: [...equalities.map((fieldPath) => ({ fieldPath, order: 'ASCENDING' as const })), ...arrays, ...sorts],
  };
}

const KNOWN = new Set(QUERY_INDEXES.map(indexKey));

/** Builds the query; throws (a programming error, caught by any test that runs it) if its index is not catalogued. */
export function indexedQuery(collection: CollectionReference, clauses: QueryClauses): Query {
  const needed = requiredIndex(collection.id, clauses);
  if (needed && !KNOWN.has(indexKey(needed))) {
    throw new Error(
      `query needs the composite index ${indexKey(needed)}: add it to store/index-catalogue.ts and firestore.indexes.json`,
    );
  }
  let query: Query = collection;
  for (const [field, value] of Object.entries(clauses.equals ?? {}))
    if (value !== undefined) query = query.where(field, '==', value);
  for (const [field, values] of Object.entries(clauses.anyOf ?? {})) query = query.where(field, 'in', values);
  for (const [field, op, value] of clauses.range ?? []) query = query.where(field, op, value);
  if (clauses.contains) query = query.where(clauses.contains[0], 'array-contains', clauses.contains[1]);
  for (const [field, direction] of clauses.orderBy ?? []) query = query.orderBy(field, direction);
  if (clauses.startAfter !== undefined) query = query.startAfter(clauses.startAfter);
  if (clauses.limit !== undefined) query = query.limit(clauses.limit);
  return query;
}
