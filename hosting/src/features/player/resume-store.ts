// Resume store: where this viewer stopped in this recording, kept in localStorage per user and
// recording, so "resume where you left off" survives a reload or a new visit.

export interface ResumeStore {
  get(): number | null;
  set(seconds: number): void;
}

export function localResumeStore(
  uid: string,
  recordingId: string,
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
): ResumeStore {
  const key = `lv.resume.${uid}.${recordingId}`;
  return {
    get() {
      const value = Number(storage.getItem(key));
      return storage.getItem(key) === null || !Number.isFinite(value) ? null : value;
    },
    set(seconds) {
      try {
        storage.setItem(key, String(Math.floor(seconds)));
      } catch {
        /* storage full or disabled: resuming is a convenience */
      }
    },
  };
}
