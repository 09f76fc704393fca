// What LiveKit Egress is given to upload with: the ingest bucket through Cloud Storage's XML API and
// an HMAC key; never the main bucket, never a service-account key JSON.
import assert from 'node:assert/strict';
import { egressUploadFor, EgressUploadMisconfigured } from '../../../../src/domain/ingest/egress-upload';

const GOOD = {
  ingestBucket: 'lv-prod-ingest',
  mainBucket: 'lv-prod.firebasestorage.app',
  accessKey: 'GOOG1EEXAMPLEACCESSID',
  secret: 'bGV0bWVpbi1obWFjLXNlY3JldA',
};

describe('egress upload target', () => {
  it('is the S3 form against storage.googleapis.com, path style, with the HMAC key and the ingest bucket', () => {
    assert.deepEqual(egressUploadFor(GOOD), {
      bucket: 'lv-prod-ingest',
      accessKey: 'GOOG1EEXAMPLEACCESSID',
      secret: 'bGV0bWVpbi1obWFjLXNlY3JldA',
      endpoint: 'https://storage.googleapis.com',
      region: 'auto',
      forcePathStyle: true,
    });
  });

  it('refuses to hand LiveKit a credential for the main bucket', () => {
    assert.throws(
      () => egressUploadFor({ ...GOOD, ingestBucket: GOOD.mainBucket }),
      (error: Error) => error instanceof EgressUploadMisconfigured && /names the main bucket/.test(error.message),
    );
  });

  it('refuses a service-account key JSON in place of the HMAC secret, and empty values', () => {
    const keyJson = JSON.stringify({ type: 'service_account', private_key: '-----BEGIN PRIVATE KEY-----' });
    assert.throws(() => egressUploadFor({ ...GOOD, secret: keyJson }), /JSON document/);
    assert.throws(() => egressUploadFor({ ...GOOD, accessKey: ' ' }), /EGRESS_HMAC_ACCESS_ID is empty/);
    assert.throws(() => egressUploadFor({ ...GOOD, secret: '' }), /EGRESS_HMAC_SECRET is empty/);
    assert.throws(() => egressUploadFor({ ...GOOD, ingestBucket: '' }), /INGEST_BUCKET is empty/);
  });
});
