import assert from 'node:assert/strict';
import { downloadLinkBase } from '../../src/params';

describe('download link base', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ['DOWNLOAD_BASE_URL', 'FUNCTIONS_REGION', 'FIREBASE_CONFIG']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('is the downloads function’s own URL when DOWNLOAD_BASE_URL is empty (every deployed project, functions/.env)', () => {
    Object.assign(process.env, {
      DOWNLOAD_BASE_URL: '',
      FUNCTIONS_REGION: 'europe-west1',
      FIREBASE_CONFIG: JSON.stringify({ projectId: 'lv-prod' }),
    });
    assert.equal(downloadLinkBase(), 'https://europe-west1-lv-prod.cloudfunctions.net/downloads');
  });

  it('is DOWNLOAD_BASE_URL when set (the emulator: /api, through Hosting), without a trailing slash', () => {
    Object.assign(process.env, { DOWNLOAD_BASE_URL: '/api/', FUNCTIONS_REGION: 'us-central1' });
    assert.equal(downloadLinkBase(), '/api');
  });
});
