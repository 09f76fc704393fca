// "You left the meeting": the meeting page after a participant leaves (the consent banner's
// "Leave meeting"), instead of dropping them on the home page without a word. Says so (the heading
// takes focus, so a screen reader reads it), says the recording goes on without them, and offers
// the next steps: rejoin (the banner asks again), or back to the library (staff: the meetings).
import { useLayoutEffect } from 'preact/hooks';
import { useApp } from '../../app/app-context';
import { routeHref } from '../../app/routes';
import { PageHeading } from '../../ui/PageHeading';
import { focusMain } from '../../ui/page-focus';

export function LeftMeeting({ title, onRejoin }: { title: string; onRejoin: () => void }) {
  const student = useApp().session.profile.value?.role === 'student';
  useLayoutEffect(() => focusMain(), []);
  return (
    <section class="panel left-meeting" aria-labelledby="left-meeting-title">
      <PageHeading id="left-meeting-title" title="You left the meeting" />
      <p>You left “{title}”. A recording that is running goes on without you; you are not in it while you are away.</p>
      <div class="actions">
        <button type="button" class="button button-primary" onClick={onRejoin}>
          Rejoin
        </button>
        <a class="button" href={routeHref({ name: 'home', section: student ? 'library' : 'meetings' })}>
          {student ? 'Back to library' : 'Back to meetings'}
        </a>
      </div>
    </section>
  );
}
