// /embed/lecturevault.js: LectureVault's widgets for the platform's own pages, an ES module that
// also sets window.LectureVault. Defines <lecturevault-recording meeting-id> (consent banner,
// indicator and timer for everyone; the controls for those who may) and
// <lecturevault-player recording-id> (the protected player, loaded when one appears). The host
// hands over its Firebase ID token with LectureVault.setTokenProvider; see docs/embedding.md.
import { h } from 'preact';
import baseCss from '../ui/base.css?inline';
import meetingCss from '../features/meeting/meeting.css?inline';
import { defineWidget } from './define-widget';
import embedCss from './embed.css?inline';
import { ORIGIN, setTokenProvider } from './embed-context';
import { PlayerGate } from './PlayerGate';
import { RecordingWidget } from './RecordingWidget';

export type { TokenProvider } from './embed-context';

export const LectureVault = Object.freeze({
  /** `LectureVault.setTokenProvider(async () => idToken)`: the host's signed-in user, on every request. */
  setTokenProvider,
  /** The LectureVault origin the widgets talk to (where this script came from). */
  origin: ORIGIN,
});

declare global {
  interface Window {
    LectureVault?: typeof LectureVault;
  }
}

window.LectureVault = LectureVault;

// base.css before the widget's own sheets; embed.css last, so its .lv-root rule wins.
// livekit-recording="true|false": LiveKit's own room.isRecording, a hint that shows the banner at once.
defineWidget(
  'lecturevault-recording',
  'meeting-id',
  [baseCss, meetingCss, embedCss],
  (meetingId, host) => h(RecordingWidget, { meetingId, host }),
  ['livekit-recording'],
);
defineWidget('lecturevault-player', 'recording-id', [baseCss, embedCss], (recordingId) =>
  h(PlayerGate, { recordingId }),
);
