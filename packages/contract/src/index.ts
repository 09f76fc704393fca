// @lecturevault/contract: what the functions and the web app agree on. The lists both sides
// decide over (lists.ts), the wire schemas (schemas.ts), every endpoint (endpoints.ts) and the
// table of them by function (endpoint-table.ts). Pure: imports nothing but zod/mini.
export * from './lists';
export * from './schemas';
export * from './captions';
export * from './endpoints';
export * from './endpoint-table';
export * from './captions';
