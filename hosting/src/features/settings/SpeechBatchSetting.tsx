// The machine-captions setting: whether recordings are sent to Speech-to-Text when they become
// ready, and at which price (standard, or Dynamic Batch: about a fifth of it, within 24 h).
import type { SpeechBatchMode } from '../../api/captions-api';
import { useApp } from '../../app/app-context';
import { SettingChoice } from './SettingChoice';
import { SettingPanel, type SettingPanelProps } from './SettingPanel';

const SPEECH_BATCH_LABELS: Readonly<Record<SpeechBatchMode, string>> = {
  off: 'Off (captions by hand only)',
  standard: 'Standard (captions within minutes)',
  dynamic: 'Dynamic Batch (within 24 h, lower price)',
};

export function SpeechBatchSetting({ current, run }: SettingPanelProps) {
  const { captions } = useApp().api;
  return (
    <SettingPanel id="speech-batch" title="Machine captions">
      <SettingChoice
        label="Caption new recordings"
        choices={SPEECH_BATCH_LABELS}
        current={current.speechBatch}
        saveLabel="Save captions setting"
        onSave={(mode) =>
          run('save the captions setting', async () => {
            await captions.setSpeechBatch(mode);
            return mode === 'off'
              ? 'New recordings are no longer captioned by machine.'
              : `New recordings are captioned by machine: ${SPEECH_BATCH_LABELS[mode]}.`;
          })
        }
      />
      <p class="muted">
        Lecture audio goes to Google Cloud Speech-to-Text only when this is on. Applies to recordings that become ready
        from now on; captions a person uploaded or edited are never replaced.
      </p>
    </SettingPanel>
  );
}
