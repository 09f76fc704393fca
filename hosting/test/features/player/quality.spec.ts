// The quality menu's rules: what each choice plays, where audio only is, what is remembered.
import assert from 'node:assert/strict';
import {
  audioPlaylistUrl,
  createQualityModel,
  levelsFor,
  type QualityLevel,
} from '../../../src/features/player/quality';

// hls.js' levels of a 720p lecture's ladder, tallest first as the model keeps them.
const levels: QualityLevel[] = [
  { index: 3, height: 720, bitrate: 3_200_000 },
  { index: 2, height: 540, bitrate: 1_700_000 },
  { index: 1, height: 360, bitrate: 700_000 },
  { index: 0, height: 234, bitrate: 230_000 },
];

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
}

describe('the player’s quality choice', () => {
  it('Auto is hls.js’ own choice; data saver caps it at 360p; a rung holds that level', () => {
    assert.deepEqual(levelsFor('auto', levels), { level: -1, cap: -1 });
    assert.deepEqual(levelsFor('saver', levels), { level: -1, cap: 1 });
    assert.deepEqual(levelsFor('h540', levels), { level: 2, cap: -1 });
    // A rung this lecture lacks, and data saver with nothing under 360p, fall back sensibly.
    assert.deepEqual(levelsFor('h1080', levels), { level: -1, cap: -1 });
    assert.deepEqual(levelsFor('saver', [{ index: 0, height: 720, bitrate: 1 }]), { level: -1, cap: 0 });
  });

  it('audio only is the session’s multivariant playlist narrowed to the audio rung (its captions kept)', () => {
    assert.equal(audioPlaylistUrl('/api/play/s1/multivariant.m3u8'), '/api/play/s1/multivariant.m3u8?only=audio');
    const quality = createQualityModel();
    assert.equal(quality.playlistFor('/api/play/s1/multivariant.m3u8'), '/api/play/s1/multivariant.m3u8');
    assert.equal(quality.choose('audio'), true, 'into audio only reloads');
    assert.equal(quality.playlistFor('/api/play/s1/multivariant.m3u8'), '/api/play/s1/multivariant.m3u8?only=audio');
    assert.equal(quality.switchSource('/api/play/s1/multivariant.m3u8', 3), false, 'no hls.js instance to switch');
    assert.equal(quality.choose('h360'), true, 'out of audio only reloads');
    assert.equal(quality.choose('auto'), false, 'between video choices hls.js switches');
  });

  it('remembers Auto and data saver (not a rung or audio only) and the throughput it measured', () => {
    const storage = memoryStorage();
    const first = createQualityModel(storage);
    assert.equal(first.startEstimate(), 500_000, 'hls.js’ default before anything was measured');
    first.choose('saver');
    first.choose('h720');
    assert.equal(createQualityModel(storage).choice.value, 'saver');
    storage.items.set('lv.bandwidth', '2400000');
    assert.equal(createQualityModel(storage).startEstimate(), 2_400_000);
    storage.items.set('lv.bandwidth', 'nonsense');
    assert.equal(createQualityModel(storage).startEstimate(), 500_000);
  });
});
