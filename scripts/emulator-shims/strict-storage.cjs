// Makes the Storage emulator honour `ifGenerationMatch` on one-shot (simple and multipart) uploads,
// as Cloud Storage does (dev/test only; applied to firebase-tools by ./firebase-tools.cjs, never
// deployed). firebase-tools' emulator (14.x) ignores every precondition, so an
// upload "only if absent" (ifGenerationMatch=0) would silently replace the object, and the ingest's
// write-once of a marked segment's variants (docs/soak.md) could not be tested. Cloud Storage checks
// the precondition when the object is committed; here it is checked at the same point
// (StorageLayer.uploadObject, once the body has arrived), and checks and commits of one object run
// one at a time, so two concurrent "only if absent" uploads never both succeed. A refused upload
// answers 412 conditionNotMet, as Cloud Storage does. Resumable uploads and deletes are unchanged.
'use strict';
const path = require('node:path');
const { AsyncLocalStorage } = require('node:async_hooks');

exports.patch = function patch(lib) {
  const gcloud = require(path.join(lib, 'emulator/storage/apis/gcloud.js'));
  const { StorageLayer } = require(path.join(lib, 'emulator/storage/files.js'));
  const { ForbiddenError } = require(path.join(lib, 'emulator/storage/errors.js'));
  const express = require(require.resolve('express', { paths: [lib] }));
  /** The request's precondition and response, from the route down to the storage layer. */
  const request = new AsyncLocalStorage();
  /** Per object: the tail of the chain its conditional commits run in, one after the other. */
  const commits = new Map();

  const createCloudEndpoints = gcloud.createCloudEndpoints;
  gcloud.createCloudEndpoints = (emulator) => {
    const router = express.Router();
    router.use((req, res, next) => {
      const wanted = req.query.ifGenerationMatch;
      if (req.method !== 'POST' || !req.path.startsWith('/upload/') || wanted === undefined) return next();
      // The route answers 403 when the storage layer throws ForbiddenError: once this module has
      // answered 412, the route's own answer is dropped.
      const state = { wanted: String(wanted), answered: false };
      const sendStatus = res.sendStatus.bind(res);
      res.sendStatus = (code) => (state.answered ? res : sendStatus(code));
      state.refuse = () => {
        state.answered = true;
        res.status(412).json({
          error: {
            code: 412,
            message: 'At least one of the pre-conditions you specified did not hold.',
            errors: [{ reason: 'conditionNotMet', message: 'Precondition Failed', domain: 'global' }],
          },
        });
      };
      request.run(state, next);
    });
    router.use(createCloudEndpoints(emulator));
    return router;
  };

  const uploadObject = StorageLayer.prototype.uploadObject;
  StorageLayer.prototype.uploadObject = function (upload) {
    const state = request.getStore();
    if (!state) return uploadObject.call(this, upload);
    const key = this.path(upload.bucketId, upload.objectId);
    const run = async () => {
      const generation = this.getMetadata(upload.bucketId, upload.objectId)?.generation;
      if (String(generation ?? 0) !== state.wanted) {
        this._persistence.deleteFile(upload.path);
        state.refuse();
        throw new ForbiddenError('precondition failed'); // answered 412 above
      }
      return uploadObject.call(this, upload);
    };
    const result = (commits.get(key) ?? Promise.resolve()).then(run, run);
    const tail = result.catch(() => undefined);
    commits.set(key, tail);
    void tail.then(() => commits.get(key) === tail && commits.delete(key));
    return result;
  };
};
