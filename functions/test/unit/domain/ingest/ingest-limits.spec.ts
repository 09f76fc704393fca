// What the ingest accepts, and that a 24 h recording — the most it accepts — still compiles into
// a playlist template that fits one Firestore document and renders.
import assert from 'node:assert/strict';
import {
  acceptsSegments,
  LATE_UPLOAD_GRACE_MS,
  MAX_SEGMENT_BYTES,
  objectRefusal,
  sourceDamage,
  type IngestTarget,
} from '../../../../src/domain/ingest/ingest-limits';
import {
  compilePlaylist,
  MAX_SEGMENTS,
  missingSegments,
  renderPlaylist,
} from '../../../../src/domain/playback/playlist';
import { isOurId, isUsableDocumentId } from '../../../../src/domain/http/document-id';
import { parseIngestPath } from '../../../../src/domain/ingest/ingest-path';

/** Firestore's document limit; the template shares its document with a few small fields. */
const FIRESTORE_DOCUMENT_BYTES = 1_048_576;

describe('ingest limits', () => {
  it('a segment of whole 188-byte MPEG-TS packets is whole; one that ends mid-packet was cut short', () => {
    assert.equal(sourceDamage(188 * 4_000), null);
    assert.equal(sourceDamage(0), null, 'an empty one is missing, not damaged');
    assert.match(sourceDamage(188 * 4_000 + 96) ?? '', /cut short mid-packet \(96 bytes past its last whole/);
    assert.match(sourceDamage(4096) ?? '', /\(148 bytes past/, 'a write cut at a 4 KiB page');
  });

  it('24 h of 7 s segments: sequence numbers 0 … 12,342, nothing beyond', () => {
    assert.equal(MAX_SEGMENTS, 12_343);
    assert.equal(objectRefusal({ seq: 0 }), null);
    assert.equal(objectRefusal({ seq: 12_342 }), null);
    assert.equal(objectRefusal({ seq: 12_343 }), 'sequence-out-of-range');
    assert.equal(objectRefusal({ seq: 200_000 }), 'sequence-out-of-range');
    assert.equal(objectRefusal({ seq: Number('9'.repeat(400)) }), 'sequence-out-of-range', 'Infinity');
  });

  it('caps the object size: 64 MiB a segment, 8 MiB a playlist', () => {
    assert.equal(objectRefusal({ seq: 1, sizeBytes: MAX_SEGMENT_BYTES }), null);
    assert.equal(objectRefusal({ seq: 1, sizeBytes: MAX_SEGMENT_BYTES + 1 }), 'oversized');
    assert.equal(objectRefusal({ sizeBytes: 8 * 1024 * 1024 + 1 }), 'oversized');
    assert.equal(objectRefusal({ sizeBytes: 1024 * 1024 }), null);
  });

  it('takes segments while starting, recording and stopping, and for 5 min after the end unless finalized', () => {
    const now = 1_700_000_000_000;
    const base: IngestTarget = { status: 'recording', createdAtMs: now - 3_600_000 };
    for (const status of ['starting', 'recording', 'stopping'] as const)
      assert.equal(acceptsSegments({ ...base, status }, now), true, status);
    const ended = { ...base, status: 'ready' as const, endedAtMs: now - LATE_UPLOAD_GRACE_MS };
    assert.equal(acceptsSegments(ended, now), true, 'in flight at the end');
    assert.equal(acceptsSegments(ended, now + 1), false, 'after the grace period');
    assert.equal(acceptsSegments({ ...ended, finalized: true }, now), false, 'playlist compiled');
    assert.equal(acceptsSegments({ ...base, deletingAtMs: now }, now), false, 'being deleted');
  });

  it('parses no reserved or oversized recording id out of an object name', () => {
    assert.equal(parseIngestPath('ingest/__x__/seg_00000.ts'), null);
    assert.equal(parseIngestPath(`ingest/${'a'.repeat(129)}/seg_00000.ts`), null);
    assert.deepEqual(parseIngestPath('ingest/rec-1/seg_00007.ts'), { kind: 'segment', recordingId: 'rec-1', seq: 7 });
  });
});

describe('document ids', () => {
  it('ours: [A-Za-z0-9_-]{1,128}, never a reserved __…__ id', () => {
    for (const ok of ['rec-1', 'a', '_x', '__x', 'x__', 'A'.repeat(128)]) assert.equal(isOurId(ok), true, ok);
    for (const bad of ['', '__x__', '____', 'a/b', '.', 'é', 'A'.repeat(129)]) assert.equal(isOurId(bad), false, bad);
  });

  it('foreign (webhook event ids, room names): anything Firestore takes as one path segment', () => {
    for (const ok of ['EV_abc', 'room with spaces', 'ünïcode', 'x'.repeat(1500)])
      assert.equal(isUsableDocumentId(ok), true, ok.slice(0, 20));
    for (const bad of ['', 'a/b', '.', '..', '__x__', 'x'.repeat(1501), 'é'.repeat(751)])
      assert.equal(isUsableDocumentId(bad), false, bad.slice(0, 20));
  });
});

describe('a 24 h recording', () => {
  const all = Array.from({ length: MAX_SEGMENTS }, (_, seq) => ({ seq, durationSeconds: 7 }));

  it('compiles into a template under Firestore’s 1 MiB document limit, gaps and all, and renders', () => {
    const started = Date.now();
    const full = compilePlaylist({ segments: all, ended: true, nominalSegmentSeconds: 7 });
    // The worst case: every second segment missing, so half the entries carry an EXT-X-GAP line too.
    const gappy = compilePlaylist({
      segments: all.filter((s) => s.seq % 2 === 0),
      expectedCount: MAX_SEGMENTS,
      ended: true,
      nominalSegmentSeconds: 7,
    });
    const allGaps = compilePlaylist({
      segments: [],
      expectedCount: MAX_SEGMENTS,
      ended: true,
      nominalSegmentSeconds: 7,
    });
    for (const [what, template] of [
      ['whole', full],
      ['every other segment missing', gappy],
      ['every segment missing', allGaps],
    ]) {
      const bytes = Buffer.byteLength(template);
      assert.ok(bytes < FIRESTORE_DOCUMENT_BYTES / 2, `${what}: ${bytes} bytes`);
      assert.equal(template.match(/\{\{seg:\d+\}\}/g)?.length, MAX_SEGMENTS, what);
    }
    const rendered = renderPlaylist(full, '/key', (seq) => `/seg/${seq}.ts?exp=1&sig=${'f'.repeat(64)}`);
    const uris = rendered.split('\n').filter((l) => l.startsWith('/seg/'));
    assert.equal(uris.length, MAX_SEGMENTS);
    assert.equal(uris.at(-1), `/seg/12342.ts?exp=1&sig=${'f'.repeat(64)}`);
    assert.match(rendered, /#EXT-X-ENDLIST\n$/);
    assert.ok(Date.now() - started < 2_000, 'fast enough for a view');
  });

  it('a count LiveKit claims beyond 24 h, or a crafted sequence number, never lengthens the playlist', () => {
    const template = compilePlaylist({
      segments: [...all.slice(0, 3), { seq: 200_000, durationSeconds: 7 }],
      expectedCount: 1_000_000_000,
      ended: true,
      nominalSegmentSeconds: 7,
    });
    assert.equal(template.match(/\{\{seg:\d+\}\}/g)?.length, MAX_SEGMENTS);
    assert.equal(missingSegments(all.slice(0, 3), 1_000_000_000).length, MAX_SEGMENTS - 3);
  });
});
