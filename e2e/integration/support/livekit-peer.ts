import {
  AudioFrame,
  AudioSource,
  DisconnectReason,
  LocalAudioTrack,
  LocalVideoTrack,
  Room,
  RoomEvent,
  TrackPublishOptions,
  TrackSource,
  VideoSource,
  type LocalTrackPublication,
} from "@livekit/rtc-node";

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

/** Publishes a microphone track fed with one frame of silence (enough to exist and be muted). */
export async function publishMicrophone(peer: Peer): Promise<LocalTrackPublication> {
  const source = new AudioSource(48_000, 1);
  const track = LocalAudioTrack.createAudioTrack("microphone", source);
  const publication = await peer.room.localParticipant!.publishTrack(
    track,
    new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
  );
  await source.captureFrame(AudioFrame.create(48_000, 1, 480));
  return publication;
}

/** Publishes a camera track (on, unmuted) that the test feeds no picture of its own. */
export async function publishBlankCamera(peer: Peer): Promise<LocalTrackPublication> {
  const track = LocalVideoTrack.createVideoTrack("camera", new VideoSource(320, 180));
  return peer.room.localParticipant!.publishTrack(track, new TrackPublishOptions({ source: TrackSource.SOURCE_CAMERA }));
}

/**
 * Waits until the app has admitted this peer on the SFU: tokens carry no media rights, and
 * the app grants the ones the database says when LiveKit reports the join (participant
 * metadata then says `admitted: true`, with the role). Resolves with that metadata.
 */
export async function untilAdmitted(peer: Pick<Peer, "room">): Promise<{ role: string; onStage?: boolean; admitted: true }> {
  const read = (metadata: string | undefined) => {
    try {
      const parsed = JSON.parse(metadata ?? "{}");
      return parsed?.admitted === true ? parsed : null;
    } catch {
      return null;
    }
  };
  const local = peer.room.localParticipant!;
  const changed = nextEvent(
    peer.room,
    RoomEvent.ParticipantMetadataChanged,
    (metadata: string | undefined, participant: { identity: string }) => participant.identity === local.identity && read(metadata) !== null,
  );
  const now = read(local.metadata);
  if (now) return now;
  const [metadata] = await changed;
  return read(metadata as string);
}

/** Resolves when `room` sees an event matching `predicate`. */
export function nextEvent<A extends unknown[]>(room: Room, event: RoomEvent, predicate: (...args: A) => boolean = () => true): Promise<A> {
  return new Promise((resolve) => {
    const listener = (...args: A) => {
      if (!predicate(...args)) return;
      room.off(event, listener as never);
      resolve(args);
    };
    room.on(event, listener as never);
  });
}

export { DisconnectReason, RoomEvent };
