"use client";

import "@livekit/components-styles";
import {
  LiveKitRoom,
  useConnectionState,
  useLocalParticipantPermissions,
  useParticipants,
  useRoomContext,
} from "@livekit/components-react";
import { ConnectionState, DisconnectReason, Room, RoomEvent } from "livekit-client";
import dynamic from "next/dynamic";
import { useEffect, useRef, useState } from "react";
import { Conference } from "@/components/meeting/conference";
import { useLobby, useMyRole } from "@/components/meeting/use-lobby";
import { MEETING_ENDED_TOPIC } from "@/lib/data-topics";
import { isModerator } from "@/lib/meetings/roles";
import type { CallEnd, DeviceChoices, JoinGrant } from "@/components/meeting/types";
import { audioFilters, DEFAULT_EFFECTS } from "@/components/meeting/media-effects";
import { useMeetingKey } from "@/components/meeting/meeting-key";
import { CONNECT_OPTIONS, roomOptions } from "@/components/meeting/room-options";
import { Waiting } from "@/components/meeting/waiting";
import { buttonClass } from "@/components/ui/button";

// Each loads only when needed: end-to-end encryption in encrypted meetings, the people panel
// when someone opens it, "End meeting for all" for the host.
const EncryptedRoom = dynamic(() => import("@/components/meeting/encrypted-room"), { ssr: false });
const EncryptedNotice = dynamic(() => import("@/components/meeting/encrypted-room").then((m) => m.EncryptedNotice), { ssr: false });
const EndMeetingButton = dynamic(() => import("@/components/meetings/end-meeting-button").then((m) => m.EndMeetingButton), { ssr: false });
const PeoplePanel = dynamic(() => import("@/components/meeting/people-panel").then((m) => m.PeoplePanel), { ssr: false });

interface MeetingRoomProps {
  grant: JoinGrant;
  devices: DeviceChoices;
  title: string;
  onEnd: (why: CallEnd) => void;
}

function callEndFor(reason: DisconnectReason | undefined): CallEnd {
  switch (reason) {
    case DisconnectReason.CLIENT_INITIATED:
      return "left";
    case DisconnectReason.ROOM_DELETED:
      return "ended-by-host";
    case DisconnectReason.PARTICIPANT_REMOVED:
      return "removed";
    case DisconnectReason.DUPLICATE_IDENTITY:
      return "replaced";
    default:
      return "connection-lost";
  }
}

/**
 * The call: the conference (grid and speaker layouts, controls, chat, screen share), the
 * meeting header with the participant list and roles, the reconnecting notice, and the
 * host's "End meeting for all".
 */
export default function MeetingRoom(props: MeetingRoomProps) {
  const meetingKey = useMeetingKey();
  if (meetingKey)
    return (
      <EncryptedRoom meetingKey={meetingKey} meetingId={props.grant.meetingId}>
        {(room) => <Call room={room} encrypted {...props} />}
      </EncryptedRoom>
    );
  return <PlainCall {...props} />;
}

function PlainCall(props: MeetingRoomProps) {
  const [room] = useState(() => new Room(roomOptions(props.grant.meetingId)));
  return <Call room={room} encrypted={false} {...props} />;
}

function Call({ room, encrypted, grant, devices, title, onEnd }: MeetingRoomProps & { room: Room; encrypted: boolean }) {
  const ready = useCallReady(room);
  useEffect(() => {
    // The reason tells "the host ended it" apart from leaving or losing the network.
    const onDisconnected = (reason?: DisconnectReason) => onEnd(callEndFor(reason));
    // The app's own notice that the host ended the meeting, sent just before the room is
    // deleted, so the page need not first hear of everyone else leaving (lib/data-topics.ts).
    // Only a packet from the server counts: a participant's has a sender.
    const onData = (_payload: Uint8Array, sender: unknown, _kind: unknown, topic?: string) => {
      if (topic === MEETING_ENDED_TOPIC && !sender) onEnd("ended-by-host");
    };
    room.on(RoomEvent.Disconnected, onDisconnected).on(RoomEvent.DataReceived, onData);
    return () => {
      room.off(RoomEvent.Disconnected, onDisconnected).off(RoomEvent.DataReceived, onData);
    };
  }, [room, onEnd]);

  return (
    // LiveKit's stylesheet is unlayered, so it beats Tailwind's layered utilities on the
    // same element: the room's own size and flex layout are set inline.
    <LiveKitRoom
      room={room}
      data-lk-theme="default"
      style={{ height: "100dvh", display: "flex", flexDirection: "column" }}
      serverUrl={grant.serverUrl}
      token={grant.token}
      connectOptions={CONNECT_OPTIONS}
      connect
    >
      <PublishOnceAllowed devices={devices} />
      {ready ? (
        <>
          <CallHeader grant={grant} title={title} />
          {encrypted && <EncryptedNotice />}
          <ReconnectingNotice />
          <div className="relative min-h-0 flex-1">
            <Conference
              meetingId={grant.meetingId}
              myIdentity={grant.identity}
              isHost={grant.role === "HOST"}
              effects={devices.effects ?? DEFAULT_EFFECTS}
              encrypted={encrypted}
            />
          </div>
        </>
      ) : (
        // Leaving is always possible, even when the connection never comes.
        <div className="flex flex-col items-center">
          <Waiting text="Connecting…" />
          <button
            type="button"
            className={buttonClass("secondary")}
            onClick={() => {
              void room.disconnect();
              onEnd("left");
            }}
          >
            Leave
          </button>
        </div>
      )}
    </LiveKitRoom>
  );
}

/** How long the call's interface waits for the first subscription once connected (rights that never came). */
const FIRST_TRACK_WAIT_MS = 3_000;

/**
 * True once the connection has done its work: the first track of someone else is
 * subscribed, or the room is connected with nothing to subscribe to (or nothing came within
 * FIRST_TRACK_WAIT_MS: the call then shows without it). Until then the page shows
 * "Connecting…" instead of the call's interface, with a way to leave. Mounted at once, the
 * grid, the controls and the panels held the page's main thread while livekit-client
 * negotiated: the signalling and the media connection each came ~50 ms later (decision 027,
 * amendment (b); then, the answer adding the first subscription often came after the media
 * connection and its first key frame could be lost, which decision 033 has since ruled out).
 * A connection that fails ends the call (`Disconnected`); one that never answers is left
 * with the Leave button.
 */
function useCallReady(room: Room): boolean {
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (done) return;
    let waitForFirstTrack: ReturnType<typeof setTimeout> | undefined;
    const finish = () => setDone(true);
    const onConnected = () => {
      const somethingToSubscribe = [...room.remoteParticipants.values()].some((p) => p.trackPublications.size > 0);
      if (somethingToSubscribe) waitForFirstTrack = setTimeout(finish, FIRST_TRACK_WAIT_MS);
      else finish();
    };
    room.on(RoomEvent.TrackSubscribed, finish).on(RoomEvent.Connected, onConnected);
    if (room.state === ConnectionState.Connected) onConnected();
    return () => {
      room.off(RoomEvent.TrackSubscribed, finish).off(RoomEvent.Connected, onConnected);
      clearTimeout(waitForFirstTrack);
    };
  }, [room, done]);
  return done;
}

/**
 * Turns on the microphone and camera chosen before joining, once the server allows
 * publishing and the call is connected: tokens carry no media rights, the app grants them
 * from the database when LiveKit reports the join (docs/decisions/013-sfu-enforces-membership.md).
 * Not before the connection: opening the devices when the rights arrive held the page's main
 * thread just as the first offer was due (it waits for the rights, decision 033), and the
 * media connection came ~50 ms later (decision 027, amendment (c)). Once per call, so what
 * the person toggles afterwards stays their choice.
 */
function PublishOnceAllowed({ devices }: { devices: DeviceChoices }) {
  const room = useRoomContext();
  const canPublish = useLocalParticipantPermissions()?.canPublish ?? false;
  const connected = useConnectionState() === ConnectionState.Connected;
  const started = useRef(false);
  useEffect(() => {
    if (!canPublish || !connected || started.current) return;
    started.current = true;
    const local = room.localParticipant;
    const report = (what: string) => (error: unknown) => console.warn(`[call] could not turn on the ${what}:`, error);
    if (devices.audioEnabled)
      local.setMicrophoneEnabled(true, { deviceId: devices.audioDeviceId, ...audioFilters(devices.effects) }).catch(report("microphone"));
    if (devices.videoEnabled) local.setCameraEnabled(true, { deviceId: devices.videoDeviceId }).catch(report("camera"));
  }, [canPublish, connected, room, devices]);
  return null;
}

function CallHeader({ grant, title }: { grant: JoinGrant; title: string }) {
  const [showPeople, setShowPeople] = useState(false);
  const participants = useParticipants();
  const myRole = useMyRole(grant.role);
  const { lobby, refresh } = useLobby(grant.meetingId, isModerator(myRole));
  const waiting = lobby?.waiting.length ?? 0;
  return (
    <header className="relative flex items-center justify-between gap-3 border-b border-white/10 px-3 py-2 text-sm">
      <h1 className="truncate font-medium">{title}</h1>
      <div className="flex items-center gap-2">
        {waiting > 0 && (
          <p role="status" className="rounded bg-amber-400 px-2 py-1 font-medium text-black">
            {waiting} waiting to join
          </p>
        )}
        <button
          type="button"
          aria-expanded={showPeople}
          aria-controls="participant-list"
          onClick={() => setShowPeople((shown) => !shown)}
          className="lk-button"
        >
          People ({participants.length})
        </button>
        {myRole === "HOST" && (
          // Ending deletes the room; the Disconnected event (ROOM_DELETED) then moves us on.
          <EndMeetingButton meetingId={grant.meetingId} onEnded={() => undefined} compact />
        )}
      </div>
      {showPeople && <PeoplePanel meetingId={grant.meetingId} myRole={myRole} lobby={lobby} refreshLobby={refresh} />}
    </header>
  );
}

function ReconnectingNotice() {
  const state = useConnectionState();
  if (state !== ConnectionState.Reconnecting && state !== ConnectionState.SignalReconnecting) return null;
  return (
    <p role="status" className="bg-amber-500 px-3 py-1 text-center text-sm font-medium text-black">
      Reconnecting…
    </p>
  );
}
