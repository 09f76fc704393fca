// Placeholder for a meeting's page (recording controls and recordings). Loaded as its own chunk.
export function MeetingPage({ meetingId }: { meetingId: string }) {
  return (
    <section class="panel" aria-labelledby="meeting-title">
      <p>
        <a href="#/">← Back</a>
      </p>
      <div class="panel-head">
        <h1 id="meeting-title" class="panel-title">
          Meeting
        </h1>
        <span class="soon-badge">Coming soon</span>
      </div>
      <p class="muted">
        Recording controls and recordings for meeting <code>{meetingId}</code> will appear here.
      </p>
    </section>
  );
}
