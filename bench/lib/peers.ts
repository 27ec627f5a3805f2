/**
 * Node WebRTC participants (@livekit/rtc-node) that publish synthetic camera and microphone
 * tracks and count the video frames they receive, for the end-for-all and room-size
 * benchmarks. Every peer gets its token from the app's own join routes (bench/lib/app.ts).
 */
import {
  AudioFrame,
  AudioSource,
  ConnectionState,
  LocalAudioTrack,
  LocalVideoTrack,
  Room,
  RoomEvent,
  TrackKind,
  TrackPublishOptions,
  TrackSource,
  VideoBufferType,
  VideoFrame,
  VideoSource,
  VideoStream,
  type RemoteTrack,
  type RemoteParticipant,
} from "@livekit/rtc-node";

export const VIDEO = { width: 320, height: 180, fps: 15 };
const AUDIO_RATE = 48_000;
const AUDIO_CHUNK_MS = 100;

export interface BenchPeer {
  name: string;
  room: Room;
  /** Video frames received per remote participant identity, since the last reset. */
  framesFrom: Map<string, number>;
  /** Resolves with the time (performance.now()) the server disconnected this peer. */
  disconnectedAt: Promise<number>;
  /**
   * Resolves once this peer is subscribed to the video of every one of `identities` (with
   * `countFrames`), or when `timeoutMs` has passed: with how many of them it is subscribed to.
   */
  videoFrom(identities: string[], timeoutMs: number): Promise<number>;
  leave(): Promise<void>;
}

export async function connectBenchPeer(
  name: string,
  serverUrl: string,
  token: string,
  {
    subscribe,
    countFrames,
    awaitAdmission = true,
  }: {
    subscribe: boolean;
    countFrames: boolean;
    /** false for a plain full-grant token (the floors), whose rights need no admission. */
    awaitAdmission?: boolean;
  },
): Promise<BenchPeer> {
  const room = new Room();
  const framesFrom = new Map<string, number>();
  // Whichever the SDK reports first: the connection state dropping, or the Disconnected event.
  const disconnectedAt = new Promise<number>((resolve) => {
    room.once(RoomEvent.Disconnected, () => resolve(performance.now()));
    room.on(RoomEvent.ConnectionStateChanged, (state: ConnectionState) => {
      if (state === ConnectionState.CONN_DISCONNECTED) resolve(performance.now());
    });
  });
  if (countFrames) {
    room.on(RoomEvent.TrackSubscribed, (track: RemoteTrack, _publication, participant: RemoteParticipant) => {
      if (track.kind !== TrackKind.KIND_VIDEO) return;
      framesFrom.set(participant.identity, framesFrom.get(participant.identity) ?? 0);
      void (async () => {
        // Each decoded frame crosses into JS: this is what "received" means here.
        const reader = new VideoStream(track).getReader();
        while (!(await reader.read()).done) {
          framesFrom.set(participant.identity, (framesFrom.get(participant.identity) ?? 0) + 1);
        }
      })().catch(() => undefined);
    });
  }
  // Tokens only let a peer in; the app grants media rights from the database when LiveKit
  // reports the join (docs/decisions/013): wait for them before anyone publishes.
  const isAdmitted = (metadata: string | undefined) => /"admitted":true/.test(metadata ?? "");
  const admitted = new Promise<void>((resolve) => {
    const listener = (metadata: string | undefined, participant: { identity: string }) => {
      if (participant.identity !== room.localParticipant?.identity || !isAdmitted(metadata)) return;
      room.off(RoomEvent.ParticipantMetadataChanged, listener);
      resolve();
    };
    room.on(RoomEvent.ParticipantMetadataChanged, listener);
  });
  await room.connect(serverUrl, token, { autoSubscribe: subscribe, dynacast: false });
  if (awaitAdmission && !isAdmitted(room.localParticipant?.metadata)) await admitted;
  const videoFrom = (identities: string[], timeoutMs: number) =>
    new Promise<number>((resolve) => {
      const subscribed = () => identities.filter((identity) => framesFrom.has(identity)).length;
      const check = () => subscribed() === identities.length && done();
      // Listeners run in order: framesFrom already has the new subscription when `check` runs.
      const done = () => {
        clearTimeout(deadline);
        room.off(RoomEvent.TrackSubscribed, check);
        resolve(subscribed());
      };
      const deadline = setTimeout(done, timeoutMs);
      room.on(RoomEvent.TrackSubscribed, check);
      check();
    });
  return { name, room, framesFrom, disconnectedAt, videoFrom, leave: () => room.disconnect() };
}

/**
 * Publishes a moving test pattern (320x180 at 15 fps) and a quiet noise signal for each
 * peer added, from one shared timer so that many peers do not mean many timers.
 */
export class SyntheticMedia {
  private readonly sources: { video: VideoSource; audio: AudioSource; pixels: Uint8Array }[] = [];
  private frame = 0;
  private readonly videoTimer: NodeJS.Timeout;
  private readonly audioTimer: NodeJS.Timeout;

  constructor() {
    this.videoTimer = setInterval(() => this.pushVideo(), 1000 / VIDEO.fps);
    this.audioTimer = setInterval(() => this.pushAudio(), AUDIO_CHUNK_MS);
  }

  async publish(peer: BenchPeer): Promise<void> {
    const video = new VideoSource(VIDEO.width, VIDEO.height);
    const audio = new AudioSource(AUDIO_RATE, 1);
    const pixels = new Uint8Array(VIDEO.width * VIDEO.height * 4).fill(0x40);
    this.sources.push({ video, audio, pixels });
    const participant = peer.room.localParticipant!;
    await participant.publishTrack(
      LocalVideoTrack.createVideoTrack("camera", video),
      new TrackPublishOptions({
        source: TrackSource.SOURCE_CAMERA,
        simulcast: false,
        videoEncoding: { maxBitrate: 300_000n, maxFramerate: VIDEO.fps },
      }),
    );
    await participant.publishTrack(
      LocalAudioTrack.createAudioTrack("microphone", audio),
      new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE }),
    );
  }

  private pushVideo() {
    this.frame++;
    // A bright bar sweeping across the frame: real motion, so the encoder sends real frames.
    const bar = (this.frame * 8) % VIDEO.width;
    for (const { video, pixels } of this.sources) {
      for (let y = 0; y < VIDEO.height; y++) {
        const row = y * VIDEO.width * 4;
        pixels.fill(0x40, row, row + VIDEO.width * 4);
        pixels.fill(0xf0, row + bar * 4, row + Math.min(VIDEO.width, bar + 16) * 4);
      }
      video.captureFrame(new VideoFrame(pixels, VIDEO.width, VIDEO.height, VideoBufferType.RGBA));
    }
  }

  private pushAudio() {
    const samples = (AUDIO_RATE * AUDIO_CHUNK_MS) / 1000;
    for (const { audio } of this.sources) {
      const frame = AudioFrame.create(AUDIO_RATE, 1, samples);
      for (let i = 0; i < samples; i++) frame.data[i] = (Math.random() - 0.5) * 600;
      audio.captureFrame(frame).catch(() => undefined);
    }
  }

  async close() {
    clearInterval(this.videoTimer);
    clearInterval(this.audioTimer);
    await Promise.all(this.sources.flatMap(({ video, audio }) => [video.close(), audio.close()])).catch(() => undefined);
    this.sources.length = 0;
  }
}
