"use client";

import {
  CarouselLayout,
  ChatIcon,
  ChatToggle,
  ConnectionQualityIndicator,
  ConnectionStateToast,
  DisconnectButton,
  FocusLayoutContainer,
  FocusToggle,
  GridLayout,
  LayoutContextProvider,
  LeaveIcon,
  MediaDeviceMenu,
  ParticipantName,
  ParticipantPlaceholder,
  ParticipantContext,
  RoomAudioRenderer,
  ScreenShareIcon,
  TrackMutedIndicator,
  TrackRefContext,
  TrackToggle,
  VideoTrack,
  isTrackReference,
  useCreateLayoutContext,
  useLocalParticipantPermissions,
  usePinnedTracks,
  useMaybeTrackRefContext,
  useParticipantInfo,
  useParticipantTile,
  useRoomContext,
  useTrackRefContext,
  useTracks,
  type TrackReferenceOrPlaceholder,
} from "@livekit/components-react";
import { RoomEvent, Track, TrackEvent, type Room } from "livekit-client";
import { useEffect, useRef, useState } from "react";
import dynamic from "next/dynamic";
import { CallEffects } from "@/components/meeting/call-effects";
import { CallShortcuts } from "@/components/meeting/call-shortcuts";
import { HandBadge, HandButton } from "@/components/meeting/hands";
import type { MediaEffects } from "@/components/meeting/media-effects";
import { Reactions } from "@/components/meeting/reactions";
import { ChatPanel } from "@/components/meeting/chat-panel";

// Only encrypted calls use it; the plain call's first load stays without it.
const EncryptedChat = dynamic(() => import("@/components/meeting/encrypted-chat"), { ssr: false });
import { parseRoleMetadata } from "@/lib/meetings/roles";
import { roleLabel } from "@/lib/format";

/**
 * LiveKit's stylesheet sizes the stage as the room minus one control bar (69 px), caps the bar
 * at that height and makes button groups as tall as the bar. Once the controls wrap onto a
 * second row (phones), that row spilled out of the bar, over the tiles and below the screen.
 * Here the bar keeps its full height however many rows it has, its groups are one row tall,
 * and the stage takes what is left. On phones, the panels the controls open (reactions,
 * effects) span the bar instead of hanging off their button, which may sit at either edge.
 * (Inline: LiveKit's styles are unlayered and beat Tailwind's.)
 */
const STAGE_STYLE = { flex: "1 1 0", minHeight: 0, height: "auto" } as const;
const CONTROL_BAR_STYLE = { flexWrap: "wrap", flexShrink: 0, maxHeight: "none", position: "relative" } as const;
const BUTTON_GROUP_STYLE = { height: "auto" } as const;

/** How long the device menus wait for someone else's first video frame before they mount anyway. */
const DEVICE_MENUS_WAIT_MS = 1_000;

/**
 * Whether the microphone and camera menus may mount. The call's first render held the page's
 * main thread for ~100 ms just as the first video arrived (decision 027, amendment (d)); each
 * device menu lists the devices and measures its position as it mounts (a forced layout),
 * and neither is needed in the call's first second. They mount once someone else's first
 * video frame plays, when the browser is next idle, or after DEVICE_MENUS_WAIT_MS; at once
 * when no one else has a camera on. Until then each shows as a disabled button, in place.
 * (Everything else in the bar mounts with the call: it listens for reactions from the start,
 * and applies the background chosen before joining.)
 */
function useDeviceMenusReady(): boolean {
  const room = useRoomContext();
  const [ready, setReady] = useState(() => !remoteVideoExpected(room));
  useEffect(() => {
    if (ready) return;
    let cancelIdle: (() => void) | undefined;
    const done = () => setReady(true);
    const timer = setTimeout(done, DEVICE_MENUS_WAIT_MS);
    const onPlaying = () => {
      cancelIdle ??= whenIdle(done);
    };
    const watch = (track: Track) => {
      if (track.kind === Track.Kind.Video) track.once(TrackEvent.VideoPlaybackStarted, onPlaying);
    };
    for (const participant of room.remoteParticipants.values())
      for (const publication of participant.videoTrackPublications.values()) if (publication.track) watch(publication.track);
    room.on(RoomEvent.TrackSubscribed, watch);
    return () => {
      clearTimeout(timer);
      cancelIdle?.();
      room.off(RoomEvent.TrackSubscribed, watch);
      for (const participant of room.remoteParticipants.values())
        for (const publication of participant.videoTrackPublications.values())
          publication.track?.off(TrackEvent.VideoPlaybackStarted, onPlaying);
    };
  }, [room, ready]);
  return ready;
}

/**
 * Runs `callback` when the browser is next idle (at most 200 ms later), or in the next task
 * where there is no requestIdleCallback (Safari). Returns a cancel.
 */
function whenIdle(callback: () => void): () => void {
  if (typeof requestIdleCallback === "function") {
    const id = requestIdleCallback(callback, { timeout: 200 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(callback, 0);
  return () => clearTimeout(id);
}

function remoteVideoExpected(room: Room): boolean {
  return [...room.remoteParticipants.values()].some((participant) =>
    [...participant.videoTrackPublications.values()].some((publication) => !publication.isMuted),
  );
}

function sameTrack(a: TrackReferenceOrPlaceholder | undefined, b: TrackReferenceOrPlaceholder | undefined) {
  return !!a && !!b && a.participant.identity === b.participant.identity && a.source === b.source;
}

/**
 * The call layout, built from LiveKit's components rather than its VideoConference prefab:
 * the prefab's control bar turns into icon-only buttons with no accessible name on narrow
 * screens, and its controls cannot follow a participant's publish permission.
 *
 * Grid when nobody is pinned; a focus layout (speaker view) when a tile is pinned or a
 * screen share starts. Chat is a side panel, kept by the app (chat-panel.tsx); in an end-to-end
 * encrypted meeting it goes peer to peer instead (LiveKit's Chat over encrypted data packets),
 * and the server refuses to store it (lib/meetings/chat.ts).
 */
export function Conference({
  meetingId,
  myIdentity,
  isHost,
  effects,
  encrypted,
}: {
  meetingId: string;
  myIdentity: string;
  isHost: boolean;
  effects: MediaEffects;
  /** End-to-end encrypted: chat goes between browsers over LiveKit's encrypted data packets, never through the server. */
  encrypted: boolean;
}) {
  const layoutContext = useCreateLayoutContext();
  const tracks = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { updateOnlyOn: [RoomEvent.ActiveSpeakersChanged], onlySubscribed: false },
  );
  const [showChat, setShowChat] = useState(false);
  const focusTrack = usePinnedTracks(layoutContext)[0];
  const screenShares = tracks.filter(isTrackReference).filter((t) => t.source === Track.Source.ScreenShare);
  const autoFocusedShare = useRef<string | null>(null);

  // A screen share takes the stage once it is subscribed; when that share ends, go back to
  // the grid. Keyed on track ids (not the arrays) so the effect runs only when they change.
  const shareKey = screenShares.map((t) => `${t.publication.trackSid}_${t.publication.isSubscribed}`).join();
  useEffect(() => {
    const pin = layoutContext.pin.dispatch;
    const subscribed = screenShares.find((t) => t.publication.isSubscribed);
    if (subscribed && autoFocusedShare.current === null) {
      pin?.({ msg: "set_pin", trackReference: subscribed });
      autoFocusedShare.current = subscribed.publication.trackSid;
    } else if (autoFocusedShare.current && !screenShares.some((t) => t.publication.trackSid === autoFocusedShare.current)) {
      pin?.({ msg: "clear_pin" });
      autoFocusedShare.current = null;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on shareKey on purpose
  }, [shareKey, focusTrack?.publication?.trackSid]);

  return (
    <LayoutContextProvider value={layoutContext} onWidgetChange={(state) => setShowChat(state.showChat)}>
      <div className="lk-video-conference" style={{ height: "100%" }}>
        <div className="lk-video-conference-inner">
          {focusTrack ? (
            <div className="lk-focus-layout-wrapper" style={STAGE_STYLE}>
              <FocusLayoutContainer>
                <CarouselLayout tracks={tracks.filter((t) => !sameTrack(t, focusTrack))}>
                  <Tile />
                </CarouselLayout>
                <Tile trackRef={focusTrack} />
              </FocusLayoutContainer>
            </div>
          ) : (
            <div className="lk-grid-layout-wrapper" style={STAGE_STYLE}>
              <GridLayout tracks={tracks}>
                <Tile />
              </GridLayout>
            </div>
          )}
          <CallControls meetingId={meetingId} effects={effects} />
        </div>
        {encrypted ? (
          <EncryptedChat visible={showChat} />
        ) : (
          <ChatPanel meetingId={meetingId} myIdentity={myIdentity} isHost={isHost} visible={showChat} />
        )}
      </div>
      <RoomAudioRenderer />
      <ConnectionStateToast />
    </LayoutContextProvider>
  );
}

/**
 * A participant tile: what LiveKit's ParticipantTile shows (video, placeholder, name, mic
 * state, connection quality, speaking highlight), with a name on the pin button, which
 * LiveKit's tile always adds unnamed. The track comes from the props (focus layout) or
 * from the layout's context (grid, carousel).
 */
function Tile({ trackRef }: { trackRef?: TrackReferenceOrPlaceholder }) {
  const fromContext = useMaybeTrackRefContext();
  const ref = trackRef ?? fromContext;
  const { elementProps } = useParticipantTile<HTMLDivElement>({ trackRef: ref, htmlProps: {} });
  if (!ref) return null;
  return (
    <div {...elementProps} style={{ position: "relative" }}>
      <TrackRefContext.Provider value={ref}>
        <ParticipantContext.Provider value={ref.participant}>
          <TileContent />
        </ParticipantContext.Provider>
      </TrackRefContext.Provider>
    </div>
  );
}

function TileContent() {
  const trackRef = useTrackRefContext();
  const name = trackRef.participant.name || trackRef.participant.identity;
  const isScreen = trackRef.source === Track.Source.ScreenShare;
  return (
    <>
      {isTrackReference(trackRef) && <VideoTrack trackRef={trackRef} />}
      <div className="lk-participant-placeholder">
        <ParticipantPlaceholder />
      </div>
      <div className="lk-participant-metadata">
        <div className="lk-participant-metadata-item">
          {isScreen ? (
            <>
              <ScreenShareIcon style={{ marginRight: "0.25rem" }} />
              <ParticipantName>’s screen</ParticipantName>
            </>
          ) : (
            <>
              <TrackMutedIndicator trackRef={{ participant: trackRef.participant, source: Track.Source.Microphone }} show="muted" />
              <ParticipantName />
              <RoleBadge />
            </>
          )}
        </div>
        <ConnectionQualityIndicator className="lk-participant-metadata-item" />
      </div>
      {!isScreen && <HandBadge participant={trackRef.participant} />}
      <FocusToggle trackRef={trackRef} aria-label={`Pin or unpin ${isScreen ? `${name}’s screen` : name}`} />
    </>
  );
}

/**
 * The host's and co-hosts' role on their tile, from the participant metadata only the
 * server writes (clients cannot change their own), so a look-alike display name cannot pass
 * as them. Names themselves are refused with invisible characters (lib/validations/room.ts).
 */
function RoleBadge() {
  const trackRef = useTrackRefContext();
  const { metadata } = useParticipantInfo({ participant: trackRef.participant });
  const { role } = parseRoleMetadata(metadata);
  if (role !== "HOST" && role !== "COHOST") return null;
  return (
    <span className="ml-1 rounded bg-brand-600 px-1.5 py-0.5 text-xs font-semibold text-white" data-role={role}>
      {roleLabel(role)}
    </span>
  );
}

/** Always-labelled controls: the text is visually hidden on phones but stays the name. */
function CallControls({ meetingId, effects }: { meetingId: string; effects: MediaEffects }) {
  const permissions = useLocalParticipantPermissions();
  const canPublish = permissions?.canPublish ?? false;
  const [sharing, setSharing] = useState(false);
  const menusReady = useDeviceMenusReady();
  const canShareScreen = typeof navigator !== "undefined" && typeof navigator.mediaDevices?.getDisplayMedia === "function";

  return (
    // Wraps onto a second row on phones, and the bar grows with it (CONTROL_BAR_STYLE).
    <div className="lk-control-bar" role="toolbar" aria-label="Call controls" style={CONTROL_BAR_STYLE}>
      {canPublish && (
        <>
          <div className="lk-button-group" style={BUTTON_GROUP_STYLE}>
            <TrackToggle source={Track.Source.Microphone} showIcon>
              <span className="max-sm:sr-only">Microphone</span>
            </TrackToggle>
            <div className="lk-button-group-menu">
              <DeviceMenu ready={menusReady} kind="audioinput" label="Choose microphone" />
            </div>
          </div>
          <div className="lk-button-group" style={BUTTON_GROUP_STYLE}>
            <TrackToggle source={Track.Source.Camera} showIcon>
              <span className="max-sm:sr-only">Camera</span>
            </TrackToggle>
            <div className="lk-button-group-menu">
              <DeviceMenu ready={menusReady} kind="videoinput" label="Choose camera" />
            </div>
          </div>
          {canShareScreen && (
            <TrackToggle
              source={Track.Source.ScreenShare}
              captureOptions={{ audio: true, selfBrowserSurface: "include" }}
              showIcon
              onChange={(enabled) => setSharing(enabled)}
            >
              <span className="max-sm:sr-only">{sharing ? "Stop sharing" : "Share screen"}</span>
            </TrackToggle>
          )}
        </>
      )}
      <HandButton meetingId={meetingId} />
      <Reactions />
      {canPublish && <CallEffects initial={effects} />}
      <CallShortcuts meetingId={meetingId} />
      <ChatToggle aria-label="Chat">
        <ChatIcon />
        <span className="max-sm:sr-only">Chat</span>
      </ChatToggle>
      <DisconnectButton aria-label="Leave">
        <LeaveIcon />
        <span className="max-sm:sr-only">Leave</span>
      </DisconnectButton>
    </div>
  );
}

/** LiveKit's device menu once `ready`; until then the same button, disabled, in its place. */
function DeviceMenu({ ready, kind, label }: { ready: boolean; kind: MediaDeviceKind; label: string }) {
  if (ready) return <MediaDeviceMenu kind={kind} aria-label={label} />;
  return <button type="button" className="lk-button lk-button-menu" aria-label={label} disabled />;
}
