// The platform end to end: the stand-in's egress (driven by the real livekit-server-sdk) lands
// real, decodable MPEG-TS segments and a playlist in the Storage emulator, and its signed
// webhooks are accepted by our endpoint.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EgressStatus } from 'livekit-server-sdk';
import type { LiveKitDev } from '../../../tools/livekit-dev/src/server';
import { clearAll, db, eventually, ingestBucket } from '../kit/emulators';
import { egressClient, ingestOutput, roomClient, startStandIn } from '../kit/livekit-dev';

describe('LiveKit stand-in egress into the Storage emulator', () => {
  let livekit: LiveKitDev;
  before(async () => {
    await clearAll();
    livekit = await startStandIn({ speed: 10 });
  });
  after(() => livekit?.close());

  it('uploads decodable H.264 + AAC segments and a finished playlist, with accepted webhooks', async () => {
    await roomClient().createRoom({ name: 'cardio-101' });
    const started = await egressClient().startRoomCompositeEgress('cardio-101', ingestOutput('rec-platform'), {
      layout: 'grid',
    });

    const segments = await eventually(
      async () => {
        const [files] = await ingestBucket().getFiles({ prefix: 'ingest/rec-platform/seg_' });
        return files.length >= 2 ? files : undefined;
      },
      30_000,
      'two segments in Storage',
    );
    assert.deepEqual(
      segments.slice(0, 2).map((f) => f.name),
      ['ingest/rec-platform/seg_00000.ts', 'ingest/rec-platform/seg_00001.ts'],
    );

    const [bytes] = await segments[0].download();
    assert.equal(bytes[0], 0x47, 'MPEG-TS sync byte');
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'seg-')), 'seg.ts');
    writeFileSync(file, bytes);
    const probe = JSON.parse(
      execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file], {
        encoding: 'utf8',
      }),
    );
    const codecs = probe.streams.map((s: { codec_name: string }) => s.codec_name).sort();
    assert.deepEqual(codecs, ['aac', 'h264']);
    assert.ok(Math.abs(Number(probe.format.duration) - 7) < 0.5, `segment lasts ~7 s (got ${probe.format.duration})`);
    // Decode every frame: a corrupt stream makes ffmpeg exit non-zero.
    execFileSync('ffmpeg', ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-']);

    const stopped = await egressClient().stopEgress(started.egressId);
    assert.equal(stopped.status, EgressStatus.EGRESS_ENDING);
    const playlist = await eventually(
      async () => {
        const [text] = await ingestBucket()
          .file('ingest/rec-platform/playlist.m3u8')
          .download()
          .catch(() => [Buffer.from('')]);
        return text.toString().includes('#EXT-X-ENDLIST') ? text.toString() : undefined;
      },
      30_000,
      'the final playlist',
    );
    assert.match(playlist, /#EXTINF:7\.000,\s*\nseg_00000\.ts/);

    const events = await eventually(
      async () => {
        const snap = await db().collection('webhookEvents').where('egressId', '==', started.egressId).get();
        const names = snap.docs.map((d) => d.get('event'));
        return names.includes('egress_ended') ? names : undefined;
      },
      45_000,
      'egress_ended webhook recorded',
    );
    assert.ok(events.includes('egress_started'));
  });
});
