// The tab-switch policy for the player, an admin setting: pause when the tab is hidden (the
// default), also when the window loses focus, or never. A blur is also a viewer taking notes in
// another app beside the video, which is why it is not the default.

export const BACKGROUND_PAUSE_CHOICES = ['hidden', 'hidden-or-blur', 'off'] as const;
export type BackgroundPause = (typeof BACKGROUND_PAUSE_CHOICES)[number];

export function isBackgroundPause(value: unknown): value is BackgroundPause {
  return (BACKGROUND_PAUSE_CHOICES as readonly unknown[]).includes(value);
}
