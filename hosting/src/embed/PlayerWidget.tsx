// <lecturevault-player recording-id="…">'s body, a chunk of its own (hls.js a further one, loaded
// when a video opens): the app's protected player (model, components, watermark, deterrents)
// against our origin, with the host's token on every request, and the recording's captions (the CC
// button, hls.js's full build for the subtitle rendition). Native HLS is off: it would need our
// playback cookie, which a page on another origin cannot send (docs/embedding.md).
import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { createCall } from '../api/call';
import { createCaptionsApi } from '../api/captions-api';
import { createPlaybackApi } from '../api/playback-api';
import { postAccessRequest } from '../api/wire';
import { createCaptionsModel } from '../features/player/captions-model';
import captionsCss from '../features/player/captions.css?inline';
import { Player } from '../features/player/Player';
import { createPlayerModel } from '../features/player/player-model';
import playerCss from '../features/player/player.css?inline';
import { localResumeStore } from '../features/player/resume-store';
import { adoptStyles } from './define-widget';
import { apiFetch, currentToken, ORIGIN, watchUrl } from './embed-context';

const playbackApi = createPlaybackApi(apiFetch, ORIGIN);
const captionsApi = createCaptionsApi(apiFetch);
// "Request access" from the widget's refusal: the one route, not the app's whole recordings client.
const requestAccess = (recordingId: string) =>
  createCall(apiFetch)(postAccessRequest, { body: { recordingId }, what: 'the request' }).then(() => undefined);

export function PlayerWidget({ recordingId, viewer }: { recordingId: string; viewer: string }) {
  const frame = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    adoptStyles(frame.current!, playerCss);
    adoptStyles(frame.current!, captionsCss);
  }, []);
  const model = useMemo(
    () =>
      createPlayerModel(recordingId, {
        api: playbackApi,
        idToken: currentToken,
        // The full build: the light one has no subtitle renditions (captions).
        loadHls: () => import('hls.js').then((module) => module.default),
        resume: localResumeStore(viewer, recordingId),
        storage: localStorage,
        nativeHls: false,
        unsupportedText: `This browser plays LectureVault videos only on LectureVault itself: ${watchUrl(recordingId)}`,
      }),
    [recordingId, viewer],
  );
  const captions = useMemo(() => createCaptionsModel(recordingId, captionsApi), [recordingId]);
  const title = model.session.value?.title ?? 'Recorded lecture';
  return (
    <div ref={frame} class="lv-player">
      <p class="lv-player-title">{title}</p>
      <Player
        model={model}
        title={title}
        homeHref={`${ORIGIN}/#/`}
        captions={captions}
        requestAccess={() => requestAccess(recordingId)}
      />
    </div>
  );
}
