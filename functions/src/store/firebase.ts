// Lazy Admin SDK handles: nothing is initialised at import time (cold starts stay short).
import { getApp, getApps, initializeApp, type App } from 'firebase-admin/app';
import { getAuth, type Auth } from 'firebase-admin/auth';
import { getFirestore, type Firestore } from 'firebase-admin/firestore';
import { getStorage, type Storage } from 'firebase-admin/storage';

const DEFAULT_APP = '[DEFAULT]';

export function app(): App {
  return getApps().some((a) => a.name === DEFAULT_APP) ? getApp() : initializeApp();
}

export const db = (): Firestore => getFirestore(app());
export const auth = (): Auth => getAuth(app());
export const storage = (): Storage => getStorage(app());
export const bucket = () => storage().bucket();
