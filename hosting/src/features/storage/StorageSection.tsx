// Storage dashboard: use against the quota (or capacity) with the alert threshold, free space and
// the safety margin below which recording refuses to start, the monthly cost estimate and usage per
// meeting as a bar chart. The settings (retention, playback, watermark) are the Settings section's.
import { useMemo } from 'preact/hooks';
import type { StorageSummary } from '../../api/admin-api';
import { barGeometry, usageLevel } from './storage-derive';
import { CostEstimatePanel } from './CostEstimatePanel';
import '../../ui/console.css';
import './storage.css';
import { Loaded } from '../../ui/Loaded';
import { useApp, type SectionProps } from '../../app/app-context';
import { formatBytes, formatClock } from '../../ui/format-derive';
import { createLoader } from '../../ui/loader-model';

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

  return (
    <Loaded loader={loader} label="Loading storage…" errorTitle="Could not load the storage figures">
      {({ storage, titles }) => {
        const limit = storage.quotaBytes ?? storage.capacityBytes;
        const { ratio, level } = usageLevel(storage.usedBytes, limit, storage.alertThresholdRatio);
        const percent = Math.min(100, Math.round(ratio * 1000) / 10);
        return (
          <>
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
            <p class="muted">
              Retention, playback and the watermark are in <a href="#/settings">Settings</a>.
            </p>
          </>
        );
      }}
    </Loaded>
  );
}
