// A course's phrase list for machine captions (drug names, eponyms, the teacher's own terms), one
// a line, for admins and the meeting's teacher beside that meeting's recordings' captions. Saving
// replaces the whole list (the server trims and de-duplicates it and shows it back as stored); it
// applies to recordings captioned from then on.
import { useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import { MAX_SPEECH_PHRASE_CHARS, MAX_SPEECH_PHRASES } from '../../api/wire';
import { useApp } from '../../app/app-context';
import { Loaded } from '../../ui/Loaded';
import { Announcement } from '../../ui/StatusPanels';
import { createLoader } from '../../ui/loader-model';
import { createActionRunner } from '../../ui/action-model';

/** The textarea's lines as phrases: trimmed, blank lines left out (the server checks the rest). */
export const phrasesOfText = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function PhraseForm({ meetingId, initial }: { meetingId: string; initial: string[] }) {
  const api = useApp().api.captions;
  const text = useSignal(initial.join('\n'));
  const message = useSignal('');
  // The saved list comes back in the reply and replaces the text: nothing to reload.
  const actions = useMemo(
    () =>
      createActionRunner(
        (said) => (message.value = said),
        () => undefined,
      ),
    [message],
  );
  const id = `phrases-${meetingId}`;
  return (
    <form
      class="stacked-form phrase-list"
      onSubmit={(event) => {
        event.preventDefault();
        void actions.run(
          'save the phrase list',
          async () => {
            const saved = await api.setPhrases(meetingId, phrasesOfText(text.value));
            text.value = saved.join('\n');
            return `Saved ${saved.length} ${saved.length === 1 ? 'phrase' : 'phrases'} for machine captions.`;
          },
          'Could not save the phrase list.',
        );
      }}
    >
      <Announcement message={message} />
      <label for={id}>Phrases for machine captions of this course, one a line</label>
      <textarea
        id={id}
        rows={5}
        value={text.value}
        aria-describedby={`${id}-help`}
        onInput={(e) => (text.value = (e.target as HTMLTextAreaElement).value)}
      />
      <p id={`${id}-help`} class="muted">
        Drug names, eponyms and terms the recogniser should expect (at most {MAX_SPEECH_PHRASES}, each up to{' '}
        {MAX_SPEECH_PHRASE_CHARS} characters). Used for recordings captioned from now on.
      </p>
      <button type="submit" class="button button-primary phrase-save" disabled={actions.busy.value !== null}>
        Save phrases
      </button>
    </form>
  );
}

export function PhraseListForm({ meetingId }: { meetingId: string }) {
  const api = useApp().api.captions;
  const loader = useMemo(
    () => createLoader(() => api.phrases(meetingId), 'Could not load the phrase list.'),
    [api, meetingId],
  );
  return (
    <section class="phrase-list-panel" aria-labelledby={`phrases-${meetingId}-title`}>
      <h3 id={`phrases-${meetingId}-title`}>Machine captions: course phrases</h3>
      <Loaded loader={loader} label="Loading the phrase list…" errorTitle="Could not load the phrase list">
        {(phrases) => <PhraseForm meetingId={meetingId} initial={phrases} />}
      </Loaded>
    </section>
  );
}
