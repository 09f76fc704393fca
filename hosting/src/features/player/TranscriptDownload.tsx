// "Download the transcript" under the transcript panel, only for viewers the download rules allow
// (admins, and the meeting's teacher where the meeting allows it: the server says so with the track
// list and checks again when the file is asked for). The file comes as JSON through the API client
// (it needs the ID token, so it cannot be a plain link) and is saved from a Blob.
import { useSignal } from '@preact/signals';
import type { TranscriptFile } from '../../api/captions-api';

const FORMATS = [
  { format: 'txt', label: 'Transcript as text (.txt)' },
  { format: 'vtt', label: 'Captions as WebVTT (.vtt)' },
] as const;

function saveFile(file: TranscriptFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: `${file.contentType};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the Blob to the download by the next task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function TranscriptDownload({
  allowed,
  fetchFile,
}: {
  allowed: boolean;
  fetchFile: (format: 'txt' | 'vtt') => Promise<TranscriptFile>;
}) {
  const message = useSignal('');
  if (!allowed) return null;
  const download = async (format: 'txt' | 'vtt') => {
    message.value = 'Preparing the file…';
    try {
      const file = await fetchFile(format);
      saveFile(file);
      message.value = `Saved ${file.fileName}.`;
    } catch (error) {
      message.value = error instanceof Error ? error.message : 'Could not download the transcript.';
    }
  };
  return (
    <div class="transcript-download">
      {FORMATS.map(({ format, label }) => (
        <button
          key={format}
          type="button"
          class="button transcript-download-button"
          onClick={() => void download(format)}
        >
          {label}
        </button>
      ))}
      <p class="muted" role="status">
        {message.value}
      </p>
    </div>
  );
}
