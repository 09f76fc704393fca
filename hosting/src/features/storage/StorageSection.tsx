// Storage dashboard: use against the quota (or capacity) with the alert threshold, free space and
// the safety margin below which recording refuses to start, the monthly cost estimate, usage per
// meeting as a bar chart, the retention policy, the player's tab-switch setting and the forensic
// watermark of new recordings.
import { useSignal } from '@preact/signals';
import { useMemo } from 'preact/hooks';
import type { StorageSummary } from '../../api/admin-api';
import type { BackgroundPause } from '../../api/wire';
import { barGeometry, usageLevel } from './storage-derive';
import { CostEstimatePanel } from './CostEstimatePanel';
import '../../ui/console.css';
import './storage.css';
import { Loaded } from '../../ui/Loaded';
import { useActionRunner } from '../../ui/use-action-runner';
import { useApp, type SectionProps } from '../../app/app-context';
import { formatBytes, formatClock } from '../../ui/format-derive';
import { createLoader } from '../../ui/loader-model';
import { Announcement } from '../../ui/StatusPanels';

const CHART_WIDTH = 420;
const LABEL_WIDTH = 200;
const ROW = 28;

function UsageChart({ rows }: { rows: readonly { label: string; value: number; seconds: number }[] }) {
  if (rows.length === 0) return <p class="muted">No recordings are stored yet.</p>;
  const bars = barGeometry(rows, CHART_WIDTH - 150, ROW); // room on the right for the figures
  const summary = rows.map((r) => `${r.label}: ${formatBytes(r.value)}`).join('; ');
  return (
    <figure class="chart-figure">
      <svg
        class="chart"
        viewBox={`0 0 ${LABEL_WIDTH + CHART_WIDTH} ${rows.length * ROW}`}
        role="img"
        aria-label={`Storage per meeting. ${summary}`}
      >
        {bars.map((bar, i) => (
          <g key={bar.label} transform={`translate(0 ${bar.y})`}>
            <text x={LABEL_WIDTH - 8} y={ROW / 2 + 4} text-anchor="end">
              {bar.label.length > 28 ? `${bar.label.slice(0, 27)}…` : bar.label}
            </text>
            <rect class="bar" x={LABEL_WIDTH} y={5} width={bar.width} height={ROW - 10} rx={3} />
            <text x={LABEL_WIDTH + bar.width + 6} y={ROW / 2 + 4}>
              {formatBytes(bar.value)} · {formatClock(rows[i]!.seconds)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption class="muted">Stored (encrypted) bytes and recorded time per meeting.</figcaption>
    </figure>
  );
}

/** One admin setting as a select and a Save button, enabled once the choice differs from what is saved. */
function SettingChoice<T extends string>({
  label,
  choices,
  current,
  saveLabel,
  onSave,
}: {
  label: string;
  choices: Readonly<Record<T, string>>;
  current: T;
  saveLabel: string;
  onSave: (choice: T) => Promise<void>;
}) {
  const choice = useSignal<T>(current);
  const busy = useSignal(false);
  return (
    <form
      class="inline-form"
      onSubmit={async (event) => {
        event.preventDefault();
        busy.value = true;
        await onSave(choice.value);
        busy.value = false;
      }}
    >
      <label>
        {label}
        <select value={choice.value} onChange={(e) => (choice.value = (e.target as HTMLSelectElement).value as T)}>
          {(Object.keys(choices) as T[]).map((value) => (
            <option key={value} value={value}>
              {choices[value]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="submit"
        class="button button-primary button-small"
        disabled={busy.value || choice.value === current}
      >
        {saveLabel}
      </button>
    </form>
  );
}

const FORENSIC_WATERMARK_LABELS = { on: 'On', off: 'Off' } as const;
const LADDER_LABELS = { full: 'Several qualities and audio only', 'source-only': 'As recorded only' } as const;

const RETENTION_LABELS = { '30': '30 days', '60': '60 days', '90': '90 days' } as const;
type RetentionChoice = keyof typeof RETENTION_LABELS;

const BACKGROUND_PAUSE_LABELS: Readonly<Record<BackgroundPause, string>> = {
  hidden: 'when the tab is hidden (another tab, minimised)',
  'hidden-or-blur': 'also when the window loses focus (blocks notes in another app)',
  off: 'never',
};

export function StorageSection(_props: SectionProps) {
  const { admin: api, meetings: meetingsApi } = useApp().api;
  const loader = useMemo(
    () =>
      createLoader(async (): Promise<{ storage: StorageSummary; titles: Map<string, string> }> => {
        const [storage, meetings] = await Promise.all([api.storage(), meetingsApi.listMeetings()]);
        return { storage, titles: new Map(meetings.map((m) => [m.id, m.title])) };
      }, 'Could not load the storage figures.'),
    [api, meetingsApi],
  );
  const { message, actions } = useActionRunner(loader);

  return (
    <Loaded loader={loader} label="Loading storage…" errorTitle="Could not load the storage figures">
      {({ storage, titles }) => {
        const limit = storage.quotaBytes ?? storage.capacityBytes;
        const { ratio, level } = usageLevel(storage.usedBytes, limit, storage.alertThresholdRatio);
        const percent = Math.min(100, Math.round(ratio * 1000) / 10);
        return (
          <>
            <Announcement message={message} />
            <section aria-labelledby="usage-title" class="meeting-group">
              <h2 id="usage-title" class="section-title">
                Usage
              </h2>
              <div
                class={`meter meter-${level}`}
                role="meter"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
                aria-label="Storage used"
              >
                <div class="meter-fill" style={{ width: `${percent}%` }} />
              </div>
              <p>
                <strong>{formatBytes(storage.usedBytes)}</strong> of {formatBytes(limit)}{' '}
                {storage.quotaBytes ? 'quota' : 'capacity'} used ({percent} %). Alert at{' '}
                {Math.round(storage.alertThresholdRatio * 100)} %.
              </p>
              {level !== 'ok' ? (
                <p class="rec-warning">
                  Storage is above the alert threshold. Delete old recordings or shorten retention.
                </p>
              ) : null}
              <dl class="figures">
                <div class="figure">
                  <dt>Free</dt>
                  <dd>{formatBytes(storage.freeBytes)}</dd>
                </div>
                <div class="figure">
                  <dt>Safety margin</dt>
                  <dd>{formatBytes(storage.safetyMarginBytes)}</dd>
                </div>
                <div class="figure">
                  <dt>Meetings with recordings</dt>
                  <dd>{storage.meetings.length}</dd>
                </div>
              </dl>
              <p class="muted">Recording refuses to start when less than the safety margin is free.</p>
            </section>
            <CostEstimatePanel estimate={storage.costEstimate} />
            <section aria-labelledby="per-meeting-title" class="meeting-group">
              <h2 id="per-meeting-title" class="section-title">
                Per meeting
              </h2>
              <UsageChart
                rows={storage.meetings.map((m) => ({
                  label: titles.get(m.meetingId) ?? m.meetingId,
                  value: m.bytes,
                  seconds: m.seconds,
                }))}
              />
            </section>
            <section aria-labelledby="retention-title" class="meeting-group">
              <h2 id="retention-title" class="section-title">
                Retention
              </h2>
              <SettingChoice
                label="Keep recordings for"
                choices={RETENTION_LABELS}
                current={String(storage.retentionDays) as RetentionChoice}
                saveLabel="Save retention"
                onSave={(days) =>
                  actions.run('save the retention policy', async () => {
                    await api.setRetention(Number(days) as 30 | 60 | 90);
                    return `Recordings are now kept for ${days} days.`;
                  })
                }
              />
              <p class="muted">A daily job deletes recordings older than this (or past their own expiry).</p>
            </section>
            <section aria-labelledby="background-pause-title" class="meeting-group">
              <h2 id="background-pause-title" class="section-title">
                Playback
              </h2>
              <SettingChoice
                label="Pause playback"
                choices={BACKGROUND_PAUSE_LABELS}
                current={storage.backgroundPause}
                saveLabel="Save playback setting"
                onSave={(policy) =>
                  actions.run('save the playback setting', async () => {
                    await api.setBackgroundPause(policy);
                    return `Playback now pauses ${BACKGROUND_PAUSE_LABELS[policy]}.`;
                  })
                }
              />
              <p class="muted">Applies to players opened from now on.</p>
            </section>
            <section aria-labelledby="forensic-watermark-title" class="meeting-group">
              <h2 id="forensic-watermark-title" class="section-title">
                Forensic watermark
              </h2>
              <SettingChoice
                label="Watermark new recordings"
                choices={FORENSIC_WATERMARK_LABELS}
                current={storage.forensicWatermark ? 'on' : 'off'}
                saveLabel="Save watermark setting"
                onSave={(choice) =>
                  actions.run('save the watermark setting', async () => {
                    await api.setForensicWatermark(choice === 'on');
                    return choice === 'on'
                      ? 'New recordings are stored with the forensic watermark.'
                      : 'New recordings are stored without the forensic watermark.';
                  })
                }
              />
              <p class="muted">
                Each segment is stored as two invisibly different copies, so a leaked copy can be traced to the session
                that made it; the video takes twice the storage. Applies to recordings started from now on.
              </p>
            </section>
            <section aria-labelledby="ladder-title" class="meeting-group">
              <h2 id="ladder-title" class="section-title">
                Adaptive quality
              </h2>
              <SettingChoice
                label="Store new recordings"
                choices={LADDER_LABELS}
                current={storage.ladder}
                saveLabel="Save quality setting"
                onSave={(ladder) =>
                  actions.run('save the quality setting', async () => {
                    await api.setLadder(ladder);
                    return `New recordings are stored ${ladder === 'full' ? 'in several qualities' : 'as recorded only'}.`;
                  })
                }
              />
              <p class="muted">
                Lower qualities (down to 234p) and an audio-only copy let students on slow or mobile connections watch
                without stalling; they about double a recording's storage and its processing. Applies to recordings
                started from now on.
              </p>
            </section>
          </>
        );
      }}
    </Loaded>
  );
}
