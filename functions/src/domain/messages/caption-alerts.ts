// The admin alert for machine captions that could not be made.
export function captionsFailedMessage(failure: { recordingId: string; attempts: number; reason: string }): string {
  return `Machine captions for recording ${failure.recordingId} failed after ${failure.attempts} attempts: ${failure.reason}. The recording plays without them: upload captions for it, or check Speech-to-Text (docs/captions.md).`;
}
