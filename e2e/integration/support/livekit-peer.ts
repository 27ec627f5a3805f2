import { DisconnectReason, Room, RoomEvent } from "@livekit/rtc-node";

/** A real participant (Node WebRTC client) in a LiveKit room, for capacity and end tests. */
export interface Peer {
  room: Room;
  /** Resolves with the reason when the server disconnects this peer. */
  disconnected: Promise<DisconnectReason>;
  leave: () => Promise<void>;
}

export async function connectPeer(serverUrl: string, token: string): Promise<Peer> {
  const room = new Room();
  const disconnected = new Promise<DisconnectReason>((resolve) => room.once(RoomEvent.Disconnected, resolve));
  await room.connect(serverUrl, token, { autoSubscribe: false, dynacast: false });
  return { room, disconnected, leave: () => room.disconnect() };
}

export { DisconnectReason };
