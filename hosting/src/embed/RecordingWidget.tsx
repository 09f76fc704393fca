// <lecturevault-recording meeting-id="…">: the meeting page's recording parts in the platform's own
// room. Everyone gets the consent banner and the red indicator with its timer; admins and the
// meeting's teacher also get Start / Stop / Force Stop. Same model, components and messages as
// the meeting page (src/features/meeting/MeetingPage.tsx): only the frame around them differs, and
// the pushed state comes through the widget's own Firebase session (widget-feed.ts).
import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { Spinner } from '../ui/StatusPanels';
import { ConsentBanner } from '../features/meeting/ConsentBanner';
import { RecordingControls } from '../features/meeting/RecordingControls';
import { ConnectionLost, RecordingIndicator } from '../features/meeting/RecordingIndicator';
import { RecordingControlModel, sessionConsentStore } from '../features/meeting/recording-control-model';
import { meetingErrorRetryable, meetingErrorTitle } from '../features/meeting/meeting-derive';
import type { WidgetHost } from './define-widget';
import { meetingsApi, useHostUser, watchUrl } from './embed-context';
import { SignInNeeded } from './SignInNeeded';

const WHAT = "this meeting's recording status";

/**
 * "Leave meeting" in the banner: the platform owns the room, so the widget asks it to disconnect
 * (a `lecturevault-leave` event that crosses the shadow boundary) rather than navigating anywhere.
 */
function leave(host: WidgetHost, meetingId: string): void {
  host.element.dispatchEvent(
    new CustomEvent('lecturevault-leave', { bubbles: true, composed: true, detail: { meetingId } }),
  );
}

function MeetingRecording({ meetingId, host }: { meetingId: string; host: WidgetHost }) {
  const model = useModel(
    () =>
      new RecordingControlModel(meetingId, {
        api: meetingsApi,
        consent: sessionConsentStore(),
        // Participants follow the pushed state through the widget's own Firebase session (a lazy
        // chunk with Firebase in it) instead of polling; controllers still poll for their controls.
        feed: async () => (await import('./widget-feed')).widgetRecordingFeed(),
      }),
  );

  // LiveKit's room.isRecording, from the page: shows the banner before our state has answered.
  const livekitRecording = host.hints['livekit-recording'] === 'true';
  useEffect(() => model.hintLiveKitRecording(livekitRecording), [model, livekitRecording]);

  const state = model.state.value;
  const error = model.loadError.value;
  // The host's token was refused (expired, revoked, another project): the platform must sign in again.
  if (error?.status === 401) return <SignInNeeded what={WHAT} detail={error.message} />;
  if (!state) {
    if (!error)
      return (
        <p class="lv-status muted" role="status">
          <Spinner /> Loading the recording status…
        </p>
      );
    return (
      <div class="form-error lv-error" role="alert">
        <p>
          <strong>{meetingErrorTitle(error.status)}</strong>
        </p>
        <p>{error.message}</p>
        {meetingErrorRetryable(error.status) ? (
          <button type="button" class="button" onClick={() => model.refresh()}>
            Try again
          </button>
        ) : null}
      </div>
    );
  }
  return (
    <div class="lv-recording">
      <ConsentBanner model={model} onLeave={() => leave(host, meetingId)} />
      <RecordingIndicator model={model} />
      {model.connectionLost.value ? <ConnectionLost /> : null}
      {state.canControl ? <RecordingControls model={model} watchHref={watchUrl} /> : null}
    </div>
  );
}

export function RecordingWidget({ meetingId, host }: { meetingId: string; host: WidgetHost }) {
  const user = useHostUser();
  if (user === undefined) return null;
  if (user === null) return <SignInNeeded what={WHAT} />;
  // Keyed: another meeting-id is another meeting, and another host user another viewer, each with a
  // model (and a feed session) of its own.
  return <MeetingRecording key={`${user} ${meetingId}`} meetingId={meetingId} host={host} />;
}
