// The Storage emulator through its GCS JSON API: read the audio a request names, write the results
// where it asks. Real Speech-to-Text reads and writes Cloud Storage with its service agent; the
// emulator needs no credentials.
//
// Writes are multipart uploads (metadata part, then the bytes), as the Admin SDK makes them. A
// simple media upload of JSON (`uploadType=media`, `Content-Type: application/json`) never ends
// in the emulator: its JSON body parser consumes the request before the upload handler reads it,
// and the handler then waits for a stream that has already ended (firebase-tools 14.27).
import { randomBytes } from 'node:crypto';
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
    const boundary = `speech-dev-${randomBytes(8).toString('hex')}`;
    const part = (type: string, bytes: Buffer | string) =>
      Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Type: ${type}\r\n\r\n`),
        Buffer.from(bytes),
        Buffer.from('\r\n'),
      ]);
    const multipart = Buffer.concat([
      part('application/json; charset=UTF-8', JSON.stringify({ name: object, contentType })),
      part(contentType, body),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    const res = await fetch(
      `http://${this.host}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o?uploadType=multipart&name=${encodeURIComponent(object)}`,
      {
        method: 'POST',
        headers: { 'Content-Type': `multipart/related; boundary=${boundary}` },
        body: new Uint8Array(multipart),
        signal: AbortSignal.timeout(30_000),
      },
    );
    if (!res.ok)
      throw new Error(`writing gs://${bucket}/${object}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  }
}
