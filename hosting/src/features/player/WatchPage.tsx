// #/watch/<recordingId>[?t=<seconds>]: the protected player, loaded as its own chunk (hls.js loads
// with it), with the captions' style choices, descriptions read aloud, and the transcript panel below it.
import { useEffect, useMemo } from 'preact/hooks';
import { useApp } from '../../app/app-context';
import { PageHeading } from '../../ui/PageHeading';
import { Player } from './Player';
import { createPlayerModel } from './player-model';
import { localResumeStore } from './resume-store';
import { createCaptionsModel } from './captions-model';
import { CaptionSettings } from './CaptionsControls';
import { TranscriptPanel } from './TranscriptPanel';
import { startFromHash } from './caption-prefs';
import { createDescriptionsReader } from './descriptions';
import { DescriptionsToggle } from './DescriptionsToggle';

export function WatchPage({ recordingId }: { recordingId: string }) {
  const { api, idToken, session } = useApp();
  const uid = session.profile.value?.uid ?? 'anonymous';
  const model = useMemo(() => {
    return createPlayerModel(recordingId, {
      api: api.playback,
      idToken,
      // The full build: subtitle renditions (captions) need it; we still use no EME, CMCD or alternate audio.
      loadHls: () => import('hls.js').then((module) => module.default),
      resume: localResumeStore(uid, recordingId),
      // A link to a moment (a transcript search result) starts there instead of where the viewer left off.
      linkedStart: startFromHash(location.hash),
      storage: localStorage,
      poster: () => api.recordings.poster(recordingId),
    });
  }, [recordingId, api, idToken, uid]);
  const captions = useMemo(() => createCaptionsModel(recordingId, api.captions), [recordingId, api]);
  const descriptions = useMemo(() => createDescriptionsReader(recordingId, api.captions), [recordingId, api]);
  const tracks = captions.tracks.value;
  const position = model.position.value;
  useEffect(() => descriptions.load(tracks), [descriptions, tracks]);
  useEffect(() => descriptions.follow(position), [descriptions, position]);
  useEffect(() => () => descriptions.stop(), [descriptions]);
  const title = model.session.value?.title ?? 'Recorded lecture';

  return (
    <section class="panel watch" aria-labelledby="watch-title">
      <p>
        <a href="#/">← Back</a>
      </p>
      <PageHeading id="watch-title" title={title} />
      <Player
        model={model}
        title={title}
        captions={captions}
        requestAccess={() => api.recordings.requestAccess(recordingId)}
      />
      <CaptionSettings captions={captions} />
      <DescriptionsToggle reader={descriptions} />
      <TranscriptPanel captions={captions} position={position} seek={model.seek} />
    </section>
  );
}
