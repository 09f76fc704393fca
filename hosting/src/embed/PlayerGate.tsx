// <lecturevault-player recording-id="…"> before its chunk: asks the host for a viewer, and only
// then loads the player (and, from there, hls.js), so a signed-out page downloads neither.
import { lazyComponent } from '../ui/lazy-component';
import { useHostUser } from './embed-context';
import { SignInNeeded } from './SignInNeeded';

const LazyPlayer = lazyComponent(
  () => import('./PlayerWidget').then((module) => module.PlayerWidget),
  'Loading the player…',
);

export function PlayerGate({ recordingId }: { recordingId: string }) {
  const user = useHostUser();
  if (user === undefined) return null;
  if (user === null) return <SignInNeeded what="this lecture" />;
  return <LazyPlayer recordingId={recordingId} viewer={user} />;
}
