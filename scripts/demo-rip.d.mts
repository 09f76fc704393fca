// Types for demo-rip.mjs (imported by the forensic end-to-end test, which rips the same way).
export declare function lowestVideoRungUri(multivariant: string): string;
export declare function ripThroughSession(o: {
  base: string;
  token: string;
  recordingId: string;
  rung?: 'source' | 'lowest';
}): Promise<Buffer>;
export declare function reencodeSmall(ripped: Buffer, outFile: string, seconds?: number): void;
