// Playback sessions and heartbeats (POST /api/recordings/:id/sessions, POST /api/play/:sid/heartbeat),
// validated at the edge. Media itself (playlist, key, segments) is fetched by hls.js or the browser.
import type { ApiFetch } from './http-api';
import { parse } from './parse';
import { heartbeat, playbackSession, type Heartbeat, type HeartbeatBody, type PlaybackSession } from './wire';

export type { BackgroundPause, Heartbeat, PlaybackSession } from './wire';

/**
 * `origin`: where the API is when the page is not ours (the widgets): the session's playlist URL is
 * a path, which hls.js would otherwise resolve against the host page.
 */
export function createPlaybackApi(apiFetch: ApiFetch, origin?: string) {
  return {
    async openSession(recordingId: string): Promise<PlaybackSession> {
      const body = await apiFetch(`/api/recordings/${encodeURIComponent(recordingId)}/sessions`, {
        method: 'POST',
        body: '{}',
      });
      const session = parse(playbackSession, body, 'a playback session');
      return origin ? { ...session, playlistUrl: new URL(session.playlistUrl, origin).href } : session;
    },
    /** `delivered`: the segments' receipts since the last beat (the server credits watched time from them). */
    async heartbeat(sessionId: string, positionSeconds: number, delivered: readonly string[] = []): Promise<Heartbeat> {
      const sent = JSON.stringify({
        positionSeconds: Math.max(0, Math.floor(positionSeconds)),
        ...(delivered.length ? { delivered: [...delivered] } : {}),
      } satisfies HeartbeatBody);
      return parse(
        heartbeat,
        await apiFetch(`/api/play/${encodeURIComponent(sessionId)}/heartbeat`, { method: 'POST', body: sent }),
        'a heartbeat',
      );
    },
  };
}

export type PlaybackApi = ReturnType<typeof createPlaybackApi>;
