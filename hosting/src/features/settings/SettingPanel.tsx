// One setting's panel in the Settings section (a titled group) and what every panel is given.
import type { AdminApi, StorageSummary } from '../../api/admin-api';

export interface SettingPanelProps {
  /** The settings' current values (GET /api/storage carries them). */
  readonly current: StorageSummary;
  readonly api: AdminApi;
  /** Runs a save, announces its message and reloads the values (useActionRunner). */
  readonly run: (what: string, action: () => Promise<string>) => Promise<void>;
}

export function SettingPanel({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: preact.ComponentChildren;
}) {
  return (
    <section aria-labelledby={`${id}-title`} class="meeting-group">
      <h2 id={`${id}-title`} class="section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}
