// Pushed documents: the small documents the functions write for the web app to follow with
// Firestore's real-time listener instead of polling the API (docs/api-contract.md) —
// recordingStates/{meetingId} for a meeting's participants, adminBadges/alerts for the admins'
// badge. The one owner of following one: the listener, its metadata (a snapshot from the cache
// means the server is out of reach), the window's offline/online events, the snapshot parsed with
// the contract's schema. A lazy chunk (auth-port.ts loads it after the page's load event, and the
// recording widget's own chunk, embed/widget-feed.ts, includes it): firebase/firestore weighs more
// than the whole first route.
import {
  pushedAlertsBadge,
  pushedRecordingState,
  type PushedAlertsBadge,
  type PushedRecordingState,
} from '@lecturevault/contract';
import type { FirebaseApp } from 'firebase/app';
import { connectFirestoreEmulator, doc, getFirestore, onSnapshot, type Firestore } from 'firebase/firestore';
import * as z from 'zod/mini';
import type { FirebaseSettings } from '../config';

export type FeedEvent<T> =
  /** In step with the server: the document (null: it has not been written yet). */
  | { readonly kind: 'state'; readonly state: T | null }
  /** The SDK lost the server (offline, network cut); it reconnects by itself. */
  | { readonly kind: 'offline' }
  /** The listener ended (refused by the rules, say): the caller follows again later. */
  | { readonly kind: 'ended'; readonly code: string };

export interface RecordingFeed {
  /** recordingStates/{meetingId}: calls back with every change until the returned function is called. */
  follow(meetingId: string, listener: (event: FeedEvent<PushedRecordingState>) => void): () => void;
}

export interface AlertsBadgeFeed {
  /** adminBadges/alerts: calls back with every change until the returned function is called. */
  follow(listener: (event: FeedEvent<PushedAlertsBadge>) => void): () => void;
}

export interface PushedFeed {
  readonly recordingStates: RecordingFeed;
  readonly alertsBadge: AlertsBadgeFeed;
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

/** The feeds over the app's Firestore, signed in through the same app's Auth. */
export function createPushedFeed(app: FirebaseApp, settings: FirebaseSettings): PushedFeed {
  function follow<T>(path: string, schema: z.ZodMiniType<T>, listener: (event: FeedEvent<T>) => void): () => void {
    const ref = doc(instance(app, settings), path);
    // Metadata changes too: a snapshot served from the cache means the server is out of reach.
    const listen = () =>
      onSnapshot(
        ref,
        { includeMetadataChanges: true },
        (snap) => {
          if (snap.metadata.fromCache) return listener({ kind: 'offline' });
          if (!snap.exists()) return listener({ kind: 'state', state: null });
          const parsed = z.safeParse(schema, snap.data());
          // A shape we do not understand is no state at all: keep what we showed and say so.
          listener(parsed.success ? { kind: 'state', state: parsed.data } : { kind: 'ended', code: 'bad-shape' });
        },
        (error) => listener({ kind: 'ended', code: error.code }),
      );
    // The chunk loads only after the page's load event (auth-port.ts), so the WebChannel's network
    // probe (an image, when its channel fails) can never hold that event.
    let stop = listen();
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
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      stop();
    };
  }

  return {
    recordingStates: {
      follow: (meetingId, listener) => follow(`recordingStates/${meetingId}`, pushedRecordingState, listener),
    },
    alertsBadge: {
      follow: (listener) => follow('adminBadges/alerts', pushedAlertsBadge, listener),
    },
  };
}
