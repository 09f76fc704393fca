// Types for hosting-predeploy.mjs (imported by the unit tests).
export declare function configFindings(
  firebaseJson: object,
  projectId: string | undefined,
  options?: { root?: string },
): string[];
export declare function buildFindings(dist: string, projectId: string): string[];
export declare function buildWebApp(options?: { root?: string; log?: (line: string) => void }): string[];
export declare function predeploy(options: {
  projectId: string | undefined;
  root?: string;
  build?: boolean;
  log?: (line: string) => void;
}): string[];
