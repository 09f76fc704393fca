// Shown to everyone in the meeting when a recording starts. Continuing is consent; leaving the
// meeting is the only way to object (the platform's policy), so there is no "don't record me".
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { RecordingControlModel } from './recording-control-model';
import './meeting.css';

export function ConsentBanner({ model, onLeave }: { model: RecordingControlModel; onLeave: () => void }) {
  const continueRef = useRef<HTMLButtonElement>(null);
  const visible = model.showConsent.value;
  useLayoutEffect(() => {
    if (visible) continueRef.current?.focus();
  }, [visible]);
  if (!visible) return null;
  return (
    <div class="consent-banner" role="alertdialog" aria-labelledby="consent-title" aria-describedby="consent-text">
      <span class="rec-dot" aria-hidden="true" />
      <div class="consent-body">
        <h2 id="consent-title" class="consent-title">
          This meeting is being recorded
        </h2>
        <p id="consent-text">
          Your voice, camera and anything you share will be in the recording, which people with access to this lecture
          can watch later. If you do not want to be recorded, leave the meeting.
        </p>
      </div>
      <div class="consent-actions">
        <button
          ref={continueRef}
          type="button"
          class="button button-primary"
          onClick={() => model.acknowledgeConsent()}
        >
          Continue
        </button>
        <button type="button" class="button" onClick={onLeave}>
          Leave meeting
        </button>
      </div>
    </div>
  );
}
