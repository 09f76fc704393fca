// The console's Settings section (admins): the school-wide settings, one panel each
// (setting-panels.tsx), apart from the Storage section's figures.
import { useMemo } from 'preact/hooks';
import '../../ui/console.css';
import { Loaded } from '../../ui/Loaded';
import { useActionRunner } from '../../ui/use-action-runner';
import { useApp, type SectionProps } from '../../app/app-context';
import { createLoader } from '../../ui/loader-model';
import { Announcement } from '../../ui/StatusPanels';
import { SETTING_PANELS } from './setting-panels';

export function SettingsSection(_props: SectionProps) {
  const { admin: api } = useApp().api;
  const loader = useMemo(() => createLoader(() => api.storage(), 'Could not load the settings.'), [api]);
  const { message, actions } = useActionRunner(loader);
  return (
    <Loaded loader={loader} label="Loading settings…" errorTitle="Could not load the settings">
      {(current) => (
        <>
          <Announcement message={message} />
          {SETTING_PANELS.map((Panel, i) => (
            <Panel key={i} current={current} api={api} run={(what, action) => actions.run(what, action)} />
          ))}
        </>
      )}
    </Loaded>
  );
}
