// The school-wide settings the Settings section shows, one panel each, in this order. A new
// setting is one more component (here, or its own file) and one more line in SETTING_PANELS.
import type { FunctionComponent } from 'preact';
import type { BackgroundPause } from '../../api/wire';
import { SettingChoice } from './SettingChoice';
import { SettingPanel, type SettingPanelProps } from './SettingPanel';
import { SpeechBatchSetting } from './SpeechBatchSetting';

const RETENTION_LABELS = { '30': '30 days', '60': '60 days', '90': '90 days' } as const;
type RetentionChoice = keyof typeof RETENTION_LABELS;

function RetentionSetting({ current, api, run }: SettingPanelProps) {
  return (
    <SettingPanel id="retention" title="Retention">
      <SettingChoice
        label="Keep recordings for"
        choices={RETENTION_LABELS}
        current={String(current.retentionDays) as RetentionChoice}
        saveLabel="Save retention"
        onSave={(days) =>
          run('save the retention policy', async () => {
            await api.setRetention(Number(days) as 30 | 60 | 90);
            return `Recordings are now kept for ${days} days.`;
          })
        }
      />
      <p class="muted">A daily job deletes recordings older than this (or past their own expiry).</p>
    </SettingPanel>
  );
}

const BACKGROUND_PAUSE_LABELS: Readonly<Record<BackgroundPause, string>> = {
  hidden: 'when the tab is hidden (another tab, minimised)',
  'hidden-or-blur': 'also when the window loses focus (blocks notes in another app)',
  off: 'never',
};

function PlaybackSetting({ current, api, run }: SettingPanelProps) {
  return (
    <SettingPanel id="background-pause" title="Playback">
      <SettingChoice
        label="Pause playback"
        choices={BACKGROUND_PAUSE_LABELS}
        current={current.backgroundPause}
        saveLabel="Save playback setting"
        onSave={(policy) =>
          run('save the playback setting', async () => {
            await api.setBackgroundPause(policy);
            return `Playback now pauses ${BACKGROUND_PAUSE_LABELS[policy]}.`;
          })
        }
      />
      <p class="muted">Applies to players opened from now on.</p>
    </SettingPanel>
  );
}

const FORENSIC_WATERMARK_LABELS = { on: 'On', off: 'Off' } as const;

function WatermarkSetting({ current, api, run }: SettingPanelProps) {
  return (
    <SettingPanel id="forensic-watermark" title="Forensic watermark">
      <SettingChoice
        label="Watermark new recordings"
        choices={FORENSIC_WATERMARK_LABELS}
        current={current.forensicWatermark ? 'on' : 'off'}
        saveLabel="Save watermark setting"
        onSave={(choice) =>
          run('save the watermark setting', async () => {
            await api.setForensicWatermark(choice === 'on');
            return choice === 'on'
              ? 'New recordings are stored with the forensic watermark.'
              : 'New recordings are stored without the forensic watermark.';
          })
        }
      />
      <p class="muted">
        Each segment is stored as two invisibly different copies, so a leaked copy can be traced to the session that
        made it; the video takes twice the storage. Applies to recordings started from now on.
      </p>
    </SettingPanel>
  );
}

const LADDER_LABELS = { full: 'Several qualities and audio only', 'source-only': 'As recorded only' } as const;

function LadderSetting({ current, api, run }: SettingPanelProps) {
  return (
    <SettingPanel id="ladder" title="Adaptive quality">
      <SettingChoice
        label="Store new recordings"
        choices={LADDER_LABELS}
        current={current.ladder}
        saveLabel="Save quality setting"
        onSave={(ladder) =>
          run('save the quality setting', async () => {
            await api.setLadder(ladder);
            return `New recordings are stored ${ladder === 'full' ? 'in several qualities' : 'as recorded only'}.`;
          })
        }
      />
      <p class="muted">
        Lower qualities (down to 234p) and an audio-only copy let students on slow or mobile connections watch without
        stalling; they about double a recording's storage and its processing. Applies to recordings started from now on.
      </p>
    </SettingPanel>
  );
}

export const SETTING_PANELS: readonly FunctionComponent<SettingPanelProps>[] = [
  RetentionSetting,
  PlaybackSetting,
  WatermarkSetting,
  LadderSetting,
  SpeechBatchSetting,
];
