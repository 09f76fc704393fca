// Uploader port and its Storage-emulator adapter (GCS JSON API). Bucket credentials from the egress
// request are ignored: the emulator needs none.
import { randomBytes } from 'node:crypto';

export interface Uploader {
  upload(bucket: string, name: string, body: Buffer, contentType: string): Promise<void>;
}

export class UploadError extends Error {}

/**
 * Uses uploadType=multipart rather than media: the Storage emulator ignores the Content-Type header of
 * a media upload (objects end up application/octet-stream) but keeps `contentType` from multipart
 * metadata. Real GCS accepts the same request. The part layout is exactly what the emulator's strict
 * parser expects: one Content-Type line per part, CRLFs, no other part headers.
 */
export class GcsEmulatorUploader implements Uploader {
  constructor(private readonly host: string) {}

  async upload(bucket: string, name: string, body: Buffer, contentType: string): Promise<void> {
    const url =
      `http://${this.host}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o` +
      `?uploadType=multipart&name=${encodeURIComponent(name)}`;
    const boundary = `lkdev${randomBytes(12).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n` +
          `${JSON.stringify({ name, contentType })}\r\n` +
          `--${boundary}\r\nContent-Type: ${contentType}\r\n\r\n`,
      ),
      body,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    // Like the GCS client inside real egress, retry transient failures (dropped connections, 5xx)
    // before giving up; a 4xx or the third failure fails the upload.
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': `multipart/related; boundary=${boundary}` },
          body: new Uint8Array(payload),
          signal: AbortSignal.timeout(15000),
        });
      } catch (err) {
        if (attempt < 3) {
          await sleep(250 * attempt);
          continue;
        }
        throw new UploadError(`upload of ${name} failed: ${(err as Error).message}`);
      }
      const text = await res.text().catch(() => '');
      if (res.ok) return;
      if (res.status < 500 || attempt >= 3)
        throw new UploadError(`upload of ${name} failed: HTTP ${res.status} ${text.slice(0, 200)}`);
      await sleep(250 * attempt);
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
