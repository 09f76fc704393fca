// Playback sessions and heartbeats (POST /api/recordings/:id/sessions, POST /api/play/:sid/heartbeat),
// validated at the edge. Media itself (playlist, key, segments) is fetched by hls.js or the browser.
import type { ApiFetch } from '../api/http-api';
import { bool, fields, num, str } from '../api/parse';

export interface PlaybackSession {
  readonly sessionId: string;
  readonly playlistUrl: string;
  /** The lecture's title (its meeting's). */
  readonly title: string;
  /** Viewer name · masked email · session id: issued by the server, drawn over the video. */
  readonly watermark: string;
  readonly expiresAtMs: number;
}

export interface Heartbeat {
  /** The signed segment URLs were re-issued: reload the playlist to pick them up. */
  readonly renewed: boolean;
  readonly expiresAtMs: number;
}

export function createPlaybackApi(apiFetch: ApiFetch) {
  return {
    async openSession(recordingId: string): Promise<PlaybackSession> {
      const what = 'a playback session';
      const v = fields(await apiFetch(`/api/recordings/${encodeURIComponent(recordingId)}/sessions`, { method: 'POST', body: '{}' }), what);
      return { sessionId: str(v, 'sessionId', what), playlistUrl: str(v, 'playlistUrl', what), title: str(v, 'title', what), watermark: str(v, 'watermark', what), expiresAtMs: num(v, 'expiresAtMs', what) };
    },
    async heartbeat(sessionId: string, positionSeconds: number): Promise<Heartbeat> {
      const what = 'a heartbeat';
      const body = JSON.stringify({ positionSeconds: Math.max(0, Math.floor(positionSeconds)) });
      const v = fields(await apiFetch(`/api/play/${encodeURIComponent(sessionId)}/heartbeat`, { method: 'POST', body }), what);
      return { renewed: bool(v, 'renewed', what), expiresAtMs: num(v, 'expiresAtMs', what) };
    },
  };
}

export type PlaybackApi = ReturnType<typeof createPlaybackApi>;
