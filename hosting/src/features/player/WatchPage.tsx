// #/watch/<recordingId>: the protected player, loaded as its own chunk (hls.js loads with it).
import { useMemo } from 'preact/hooks';
import { useApp } from '../../app/app-context';
import { PageHeading } from '../../ui/PageHeading';
import { Player } from './Player';
import { createPlayerModel } from './player-model';
import { localResumeStore } from './resume-store';

export function WatchPage({ recordingId }: { recordingId: string }) {
  const { api, idToken, session } = useApp();
  const uid = session.profile.value?.uid ?? 'anonymous';
  const model = useMemo(
    () =>
      createPlayerModel(recordingId, {
        api: api.playback,
        idToken,
        // The light build: everything but subtitles, alternate audio, EME and CMCD, none of which we use.
        loadHls: () => import('hls.js/light').then((module) => module.default),
        resume: localResumeStore(uid, recordingId),
        storage: localStorage,
        poster: () => api.recordings.poster(recordingId),
      }),
    [recordingId, api, idToken, uid],
  );
  const title = model.session.value?.title ?? 'Recorded lecture';

  return (
    <section class="panel watch" aria-labelledby="watch-title">
      <p>
        <a href="#/">← Back</a>
      </p>
      <PageHeading id="watch-title" title={title} />
      <Player model={model} title={title} />
    </section>
  );
}
