// Where and as whom LiveKit Egress uploads: the ingest bucket through Cloud Storage's XML API (the
// S3-compatible interface), signed with an HMAC key of the egress account, which may write that
// bucket and nothing else. Why not a service-account key JSON (Egress's GCP upload): organisations
// created since May 2024 forbid creating those by default (docs/production.md, "Egress
// credentials"); an HMAC key can only sign Cloud Storage requests and is disabled in place.
// Pure: the values in, the upload's fields out, or a refusal that names the mistake.

/** Cloud Storage's XML API (https://cloud.google.com/storage/docs/interoperability). */
export const GCS_XML_ENDPOINT = 'https://storage.googleapis.com';

/** The fields of LiveKit's S3Upload (livekit/protocol livekit_egress.proto) we set. */
export interface EgressUpload {
  bucket: string;
  accessKey: string;
  secret: string;
  endpoint: string;
  /**
   * Only the SigV4 signature's scope carries it (an endpoint is set, so the uploader looks no bucket
   * region up); Cloud Storage does not route by it. "auto", as S3 tools configured for it sign.
   */
  region: string;
  /** Path-style URLs (endpoint/bucket/object): bucket names with dots break virtual-host TLS. */
  forcePathStyle: boolean;
}

export class EgressUploadMisconfigured extends Error {
  override readonly name = 'EgressUploadMisconfigured';
}

export function egressUploadFor(input: {
  ingestBucket: string;
  mainBucket: string;
  accessKey: string;
  secret: string;
}): EgressUpload {
  const bucket = input.ingestBucket.trim();
  if (!bucket) throw new EgressUploadMisconfigured('INGEST_BUCKET is empty');
  // The only credential LiveKit ever holds must not reach the ciphertext and keys' bucket.
  if (bucket === input.mainBucket.trim())
    throw new EgressUploadMisconfigured('INGEST_BUCKET names the main bucket: egress must upload into its own bucket');
  const accessKey = input.accessKey.trim();
  if (!accessKey) throw new EgressUploadMisconfigured('EGRESS_HMAC_ACCESS_ID is empty');
  if (!input.secret) throw new EgressUploadMisconfigured('EGRESS_HMAC_SECRET is empty');
  if (input.secret.trimStart().startsWith('{'))
    throw new EgressUploadMisconfigured(
      'EGRESS_HMAC_SECRET holds a JSON document (a service-account key?): it must be the HMAC key’s secret',
    );
  return {
    bucket,
    accessKey,
    secret: input.secret,
    endpoint: GCS_XML_ENDPOINT,
    region: 'auto',
    forcePathStyle: true,
  };
}
