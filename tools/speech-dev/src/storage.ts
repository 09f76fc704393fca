// The Storage emulator through its GCS JSON API: read the audio a request names, write the results
// where it asks. Real Speech-to-Text reads and writes Cloud Storage with its service agent; the
// emulator needs no credentials.
import type { GsUri } from './wire.js';

export interface ObjectStore {
  read(uri: GsUri): Promise<Buffer>;
  write(uri: GsUri, body: Buffer, contentType: string): Promise<void>;
}

export class StorageEmulator implements ObjectStore {
  constructor(private readonly host: string) {}

  async read({ bucket, object }: GsUri): Promise<Buffer> {
    const res = await fetch(
      `http://${this.host}/download/storage/v1/b/${encodeURIComponent(bucket)}/o/${encodeURIComponent(object)}?alt=media`,
      { signal: AbortSignal.timeout(30_000) },
    );
    if (!res.ok) throw new Error(`gs://${bucket}/${object}: HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  async write({ bucket, object }: GsUri, body: Buffer, contentType: string): Promise<void> {
    const res = await fetch(
      `http://${this.host}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o?uploadType=media&name=${encodeURIComponent(object)}`,
      {
        method: 'POST',
        headers: { 'Content-Type': contentType },
        body: new Uint8Array(body),
        signal: AbortSignal.timeout(30_000),
      },
    );
    if (!res.ok)
      throw new Error(`writing gs://${bucket}/${object}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  }
}
