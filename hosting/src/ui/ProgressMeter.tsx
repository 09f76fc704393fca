// A progress meter drawn by us (the default <progress> looks different in every engine and cannot
// take the app's colours): a track and its fill, with the role and values a screen reader reads.
export function ProgressMeter({ percent, label }: { percent: number; label: string }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <span
      class="meter"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
    >
      <span class="meter-fill" style={{ width: `${value}%` }} />
    </span>
  );
}
