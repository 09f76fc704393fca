// Recording feed: follows recordingStates/{meetingId}, the recording state the functions push for
// participants (docs/api-contract.md), with Firestore's real-time listener instead of polling the
// API. A lazy chunk (auth-port.ts loads it for the meeting page, embed/widget-feed.ts for the
// recording widget): firebase/firestore weighs more than the whole first route, so only pages that
// follow a meeting download it.
import { pushedRecordingState, type PushedRecordingState } from '@lecturevault/contract';
import type { FirebaseApp } from 'firebase/app';
import { connectFirestoreEmulator, doc, getFirestore, onSnapshot, type Firestore } from 'firebase/firestore';
import * as z from 'zod/mini';
import type { FirebaseSettings } from '../config';

export type FeedEvent =
  /** In step with the server: the meeting's state (null: no recording has been pushed for it yet). */
  | { readonly kind: 'state'; readonly state: PushedRecordingState | null }
  /** The SDK lost the server (offline, network cut); it reconnects by itself. */
  | { readonly kind: 'offline' }
  /** The listener ended (refused by the rules, say): the caller follows again later. */
  | { readonly kind: 'ended'; readonly code: string };

export interface RecordingFeed {
  /** Calls back with every change until the returned function is called. */
  follow(meetingId: string, listener: (event: FeedEvent) => void): () => void;
}

// One Firestore per Firebase app: the app's own, or the recording widget's private one (embed/widget-feed.ts).
const firestores = new WeakMap<FirebaseApp, Firestore>();

function instance(app: FirebaseApp, settings: FirebaseSettings): Firestore {
  let firestore = firestores.get(app);
  if (firestore) return firestore;
  firestore = getFirestore(app);
  if (settings.firestoreEmulator) {
    connectFirestoreEmulator(firestore, settings.firestoreEmulator.host, settings.firestoreEmulator.port);
  }
  firestores.set(app, firestore);
  return firestore;
}

/** The feed over the app's Firestore, signed in through the same app's Auth. */
export function createRecordingFeed(app: FirebaseApp, settings: FirebaseSettings): RecordingFeed {
  return {
    follow(meetingId, listener) {
      const ref = doc(instance(app, settings), 'recordingStates', meetingId);
      // Metadata changes too: a snapshot served from the cache means the server is out of reach.
      const listen = () =>
        onSnapshot(
          ref,
          { includeMetadataChanges: true },
          (snap) => {
            if (snap.metadata.fromCache) return listener({ kind: 'offline' });
            if (!snap.exists()) return listener({ kind: 'state', state: null });
            const parsed = z.safeParse(pushedRecordingState, snap.data());
            // A shape we do not understand is no state at all: keep what we showed and say so.
            listener(parsed.success ? { kind: 'state', state: parsed.data } : { kind: 'ended', code: 'bad-shape' });
          },
          (error) => listener({ kind: 'ended', code: error.code }),
        );
      // Only once the page has loaded: the WebChannel may probe the network with an image when its
      // channel fails, and an image still loading holds the page's load event (seen in a sandbox with
      // no route to www.google.com). The first state comes from the API meanwhile.
      let stop = () => {};
      let stopped = false;
      const start = () => {
        if (!stopped) stop = listen();
      };
      if (document.readyState === 'complete') start();
      else window.addEventListener('load', start, { once: true });
      // The browser knows at once when its network goes; the SDK may take a long poll's timeout to
      // notice. Back online, a fresh listener: its first answer from the server says we are in step.
      const offline = () => listener({ kind: 'offline' });
      const online = () => {
        stop();
        stop = listen();
      };
      window.addEventListener('offline', offline);
      window.addEventListener('online', online);
      return () => {
        stopped = true;
        window.removeEventListener('load', start);
        window.removeEventListener('offline', offline);
        window.removeEventListener('online', online);
        stop();
      };
    },
  };
}
