// Placeholder for the player. Loaded as its own chunk; the real player (hls.js) goes here.
export function WatchPage({ recordingId }: { recordingId: string }) {
  return (
    <section class="panel" aria-labelledby="watch-title">
      <p>
        <a href="#/">← Back</a>
      </p>
      <div class="panel-head">
        <h1 id="watch-title" class="panel-title">
          Watch recording
        </h1>
        <span class="soon-badge">Coming soon</span>
      </div>
      <p class="muted">
        The player for recording <code>{recordingId}</code> will appear here.
      </p>
    </section>
  );
}
