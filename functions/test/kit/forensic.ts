// A marked recording's stored form, written directly until the variant ingest (issue 16, helper
// i16a) is merged: each segment's variants A and B sealed exactly as ingest seals a segment (the
// recording key, IV = seq) at recordings/{id}/segments/{seq5}.{a|b}.ts, their sizes on the segment
// doc. The plaintexts are the original with a tag that says which variant it is, so a test can
// tell from the delivered bytes which variant it was served.
import { segmentCipher } from '../../src/domain/keys/segment-crypto';
import type { Variant } from '../../src/domain/forensic/forensic-mark';
import { recordingKey } from '../../src/store/keys';
import { bucket, db, putObject } from './emulators';
import { seq5 } from './names';

export const variantObject = (recordingId: string, seq: number, variant: Variant): string =>
  `recordings/${recordingId}/segments/${seq5(seq)}.${variant}.ts`;

/** The plaintext of a variant as written here: the original, then 188 bytes naming variant and seq. */
export const taggedPlain = (original: Buffer, seq: number, variant: Variant): Buffer =>
  Buffer.concat([original, Buffer.from(`variant ${variant} of ${seq} `.padEnd(188, variant))]);

async function seal(recordingId: string, seq: number, plain: Buffer): Promise<Buffer> {
  const cipher = segmentCipher(await recordingKey(recordingId), seq);
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}

/**
 * Marks a recording (forensicMark: true) and writes variants A and B of each given segment; a seq
 * with a segment doc gets mark 'ab' and the variants' plaintext sizes (`sizes: false` leaves those
 * out, as a segment stored without them). Returns the plaintexts written, by seq.
 */
export async function writeVariants(
  recordingId: string,
  originals: ReadonlyMap<number, Buffer>,
  { sizes = true }: { sizes?: boolean } = {},
): Promise<Map<number, Record<Variant, Buffer>>> {
  await db().doc(`recordings/${recordingId}`).update({ forensicMark: true });
  const written = new Map<number, Record<Variant, Buffer>>();
  for (const [seq, original] of originals) {
    const plain = { a: taggedPlain(original, seq, 'a'), b: taggedPlain(original, seq, 'b') };
    for (const variant of ['a', 'b'] as const)
      await putObject(
        bucket().file(variantObject(recordingId, seq, variant)),
        await seal(recordingId, seq, plain[variant]),
        'video/mp2t',
      );
    const doc = db().doc(`recordings/${recordingId}/segments/${seq5(seq)}`);
    if ((await doc.get()).exists)
      await doc.update({
        mark: 'ab',
        ...(sizes ? { variants: { a: { plainBytes: plain.a.length }, b: { plainBytes: plain.b.length } } } : {}),
      });
    written.set(seq, plain);
  }
  return written;
}

/** The stored (sealed) bytes of one variant. */
export async function variantCiphertext(recordingId: string, seq: number, variant: Variant): Promise<Buffer> {
  return (
    await bucket()
      .file(variantObject(recordingId, seq, variant))
      .download()
  )[0];
}
