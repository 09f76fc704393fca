// What passes as a poster frame: a whole JPEG or PNG of bounded size, whatever the object was named.
import assert from 'node:assert/strict';
import { parseIngestPath } from '../../../../src/domain/ingest/ingest-path';
import { objectRefusal } from '../../../../src/domain/ingest/ingest-limits';
import { MAX_POSTER_BYTES, posterType } from '../../../../src/domain/ingest/poster-image';

const jpeg = (n = 64) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(n), Buffer.from([0xff, 0xd9])]);
const png = (n = 64) =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    Buffer.from('IHDR'),
    Buffer.alloc(n),
    Buffer.from([0, 0, 0, 0]),
    Buffer.from('IEND'),
    Buffer.from([0xae, 0x42, 0x60, 0x82]),
  ]);

describe('poster image', () => {
  it('knows a whole JPEG and a whole PNG', () => {
    assert.equal(posterType(jpeg()), 'image/jpeg');
    assert.equal(posterType(png()), 'image/png');
  });

  it('refuses truncated images, other formats and anything past the size bound', () => {
    assert.equal(posterType(jpeg().subarray(0, -1)), null, 'a JPEG without its end marker');
    assert.equal(posterType(png().subarray(0, -4)), null, 'a PNG without IEND');
    assert.equal(posterType(Buffer.from('<html><script>alert(1)</script></html>'.padEnd(64))), null);
    assert.equal(posterType(Buffer.from('GIF89a'.padEnd(64))), null);
    assert.equal(posterType(jpeg(MAX_POSTER_BYTES)), null, 'one past the bound');
    assert.equal(posterType(Buffer.alloc(0)), null);
  });

  it('names Egress captures as images of their recording, and bounds their size before reading', () => {
    assert.deepEqual(parseIngestPath('ingest/rec-1/poster_00000.jpeg'), {
      kind: 'image',
      recordingId: 'rec-1',
      index: 0,
    });
    assert.deepEqual(parseIngestPath('ingest/rec-1/poster_00012.png'), {
      kind: 'image',
      recordingId: 'rec-1',
      index: 12,
    });
    assert.equal(parseIngestPath('ingest/rec-1/poster_1.jpeg'), null);
    assert.equal(parseIngestPath('ingest/rec-1/poster_00000.svg'), null);
    assert.equal(objectRefusal({ image: true, sizeBytes: MAX_POSTER_BYTES }), null);
    assert.equal(objectRefusal({ image: true, sizeBytes: MAX_POSTER_BYTES + 1 }), 'oversized');
  });
});
