// Types for hosting-headers.mjs (imported by the unit tests).
export interface Header {
  key: string;
  value: string;
}
export interface HeaderFacts {
  emulator: boolean;
  embedOrigins: string[];
  downloadOrigin: string;
}
export declare const EMBED_RULES: { source: string; headers: Header[] }[];
export declare function securityHeaders(facts: HeaderFacts): Header[];
export declare function factsFor(projectId: string, options?: { root?: string }): HeaderFacts;
export declare function withHeaders<T extends object>(firebaseJson: T, headers: Header[]): T;
export declare function headerFindings(firebaseJson: object, projectId: string, options?: { root?: string }): string[];
