// Playback sessions and heartbeats (POST /api/recordings/:id/sessions, POST /api/play/:sid/heartbeat),
// validated at the edge. Media itself (playlist, key, segments) is fetched by hls.js or the browser.
import { createCall } from './call';
import type { ApiFetch } from './http-api';
import { postHeartbeat, postSession, type Heartbeat, type PlaybackSession } from './wire';

export type { BackgroundPause, Heartbeat, PlaybackSession } from './wire';

/**
 * `origin`: where the API is when the page is not ours (the widgets): the session's playlist URL is
 * a path, which hls.js would otherwise resolve against the host page.
 */
export function createPlaybackApi(apiFetch: ApiFetch, origin?: string) {
  const call = createCall(apiFetch);
  return {
    async openSession(recordingId: string): Promise<PlaybackSession> {
      const session = await call(postSession, { params: { recordingId }, what: 'a playback session' });
      if (!origin) return session;
      const absolute = (url: string) => new URL(url, origin).href;
      return {
        ...session,
        playlistUrl: absolute(session.playlistUrl),
        multivariantUrl: absolute(session.multivariantUrl),
      };
    },
    /** `delivered`: the segments' receipts since the last beat (the server credits watched time from them). */
    async heartbeat(sessionId: string, positionSeconds: number, delivered: readonly string[] = []): Promise<Heartbeat> {
      return call(postHeartbeat, {
        params: { sessionId },
        body: {
          positionSeconds: Math.max(0, Math.floor(positionSeconds)),
          ...(delivered.length ? { delivered: [...delivered] } : {}),
        },
        what: 'a heartbeat',
      });
    },
  };
}

export type PlaybackApi = ReturnType<typeof createPlaybackApi>;
