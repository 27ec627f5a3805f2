/**
 * LiveKit's end-to-end encryption for a meeting whose key the browser holds (decision 025).
 * Imported on demand, only for encrypted meetings: plain meetings load none of this (nor the
 * worker). The worker is livekit-client's own, bundled and served from Parley's origin.
 */
import { ExternalE2EEKeyProvider, isE2EESupported, Room, type RoomOptions } from "livekit-client";

export class EncryptionUnsupported extends Error {}

/** A Room that encrypts what it publishes and decrypts what it receives with `key`. */
export async function createEncryptedRoom(key: string, options: Partial<RoomOptions>): Promise<Room> {
  if (!isE2EESupported()) throw new EncryptionUnsupported("This browser cannot join end-to-end encrypted meetings.");
  const keyProvider = new ExternalE2EEKeyProvider();
  await keyProvider.setKey(key);
  const worker = new Worker(new URL("livekit-client/e2ee-worker", import.meta.url));
  // `encryption` (not the older `e2ee`) also encrypts data packets: chat and reactions.
  const room = new Room({ ...options, encryption: { keyProvider, worker } });
  await room.setE2EEEnabled(true);
  return room;
}
