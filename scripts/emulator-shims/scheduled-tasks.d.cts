// Types for scheduled-tasks.cjs (its unit test patches firebase-tools' TaskQueue with it).
export declare function patch(firebaseToolsLib: string): void;
