// Room and participant operations shared by the Twirp RoomService and the control API;
// each change is persisted and announced by webhook.
import { participantNotFound, roomNotFound } from './errors.js';
import type { ParticipantRecord, RoomRecord, StateStore } from './rooms.js';
import { newId } from './rooms.js';
import type { WebhookSender } from './webhooks.js';
import { participantJson, roomJson } from './wire.js';

export interface CreateRoomInput {
  name: string;
  emptyTimeout?: number;
  departureTimeout?: number;
  maxParticipants?: number;
  metadata?: string;
}

export class RoomOps {
  constructor(
    private readonly store: StateStore,
    private readonly webhooks: WebhookSender,
    private readonly onRoomEnded: (roomName: string) => void,
  ) {}

  /** Idempotent, like LiveKit: an existing room is returned unchanged. */
  create(input: CreateRoomInput): RoomRecord {
    const existing = this.store.rooms.get(input.name);
    if (existing) return existing;
    const room: RoomRecord = {
      sid: newId('RM_'),
      name: input.name,
      emptyTimeout: input.emptyTimeout ?? 300,
      departureTimeout: input.departureTimeout ?? 20,
      maxParticipants: input.maxParticipants ?? 0,
      metadata: input.metadata ?? '',
      createdAtMs: Date.now(),
      participants: [],
    };
    this.store.rooms.set(room.name, room);
    this.store.save();
    this.webhooks.send('room_started', { room: roomJson(room) });
    return room;
  }

  join(roomName: string, identity: string, name = ''): ParticipantRecord {
    const room = this.create({ name: roomName });
    const existing = room.participants.find((p) => p.identity === identity);
    if (existing) return existing;
    const p: ParticipantRecord = { sid: newId('PA_'), identity, name, metadata: '', joinedAtMs: Date.now() };
    room.participants.push(p);
    this.store.save();
    this.webhooks.send('participant_joined', { room: roomJson(room), participant: participantJson(p) });
    return p;
  }

  leave(roomName: string, identity: string): void {
    const room = this.store.rooms.get(roomName);
    if (!room) throw roomNotFound();
    const p = room.participants.find((x) => x.identity === identity);
    if (!p) throw participantNotFound();
    room.participants = room.participants.filter((x) => x !== p);
    this.store.save();
    this.webhooks.send('participant_left', { room: roomJson(room), participant: participantJson(p, 'DISCONNECTED') });
  }

  /** DeleteRoom or the control "end": egresses drain, everyone leaves, room_finished. */
  end(roomName: string): void {
    const room = this.store.rooms.get(roomName);
    if (!room) throw roomNotFound();
    this.onRoomEnded(roomName);
    for (const p of [...room.participants]) this.leave(roomName, p.identity);
    this.store.rooms.delete(roomName);
    this.store.save();
    this.webhooks.send('room_finished', { room: roomJson(room) });
  }
}
