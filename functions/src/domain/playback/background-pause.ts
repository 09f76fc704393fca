// The tab-switch policy for the player, an admin setting: pause when the tab is hidden (the
// default), also when the window loses focus, or never. A blur is also a viewer taking notes in
// another app beside the video, which is why it is not the default.

import { BACKGROUND_PAUSE_CHOICES, type BackgroundPause } from '@lecturevault/contract';

export type { BackgroundPause };

export function isBackgroundPause(value: unknown): value is BackgroundPause {
  return (BACKGROUND_PAUSE_CHOICES as readonly unknown[]).includes(value);
}
