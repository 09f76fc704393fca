// The LiveKit stand-in's control API (rooms, participants, faults), as tests and the demo page use it.
import { db, eventually } from './emulators';
const CONTROL = 'http://127.0.0.1:7880/control';

async function control(path: string, method: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${CONTROL}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${method} ${path} → ${res.status} ${await res.text()}`);
  return res.json();
}

export const joinRoom = (room: string, identity: string) =>
  control(`/rooms/${room}/participants`, 'POST', { identity, name: identity });
export const createRoom = (room: string) => control('/rooms', 'POST', { name: room });
export const endRoom = (room: string) => control(`/rooms/${room}/end`, 'POST');
export const injectFault = (fault: Record<string, unknown>) => control('/faults', 'POST', fault);
export const leaveRoom = (room: string, identity: string) =>
  control(`/rooms/${room}/participants/${encodeURIComponent(identity)}`, 'DELETE');

/**
 * Opens a room in the stand-in with these people in it, and waits until our webhook endpoint has
 * recorded all of them in rooms/{room} (the meeting page reads who is in the room from there).
 */
export async function openRoom(room: string, identities: readonly string[]): Promise<void> {
  await createRoom(room);
  for (const identity of identities) await joinRoom(room, identity);
  await eventually(
    async () =>
      Object.keys(((await db().doc(`rooms/${room}`).get()).get('participants') as object | undefined) ?? {}).length ===
      identities.length,
    30_000,
    `${identities.length} participants of ${room} from webhooks`,
  );
}
