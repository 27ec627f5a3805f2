"use client";

import "@livekit/components-styles";
import { LiveKitRoom, useConnectionState, useParticipants } from "@livekit/components-react";
import { ConnectionState, DisconnectReason, Room, RoomEvent } from "livekit-client";
import { useEffect, useState } from "react";
import { Conference } from "@/components/meeting/conference";
import { EndMeetingButton } from "@/components/meetings/end-meeting-button";
import type { CallEnd, DeviceChoices, JoinGrant } from "@/components/meeting/types";
import { roleLabel } from "@/lib/format";

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
export default function MeetingRoom({ grant, devices, title, onEnd }: MeetingRoomProps) {
  const [room] = useState(() => new Room({ adaptiveStream: true, dynacast: true }));

  useEffect(() => {
    // The reason tells "the host ended it" apart from leaving or losing the network.
    const onDisconnected = (reason?: DisconnectReason) => onEnd(callEndFor(reason));
    room.on(RoomEvent.Disconnected, onDisconnected);
    return () => {
      room.off(RoomEvent.Disconnected, onDisconnected);
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
      connect
      audio={devices.audioEnabled ? { deviceId: devices.audioDeviceId } : false}
      video={devices.videoEnabled ? { deviceId: devices.videoDeviceId } : false}
    >
      <CallHeader grant={grant} title={title} />
      <ReconnectingNotice />
      <div className="relative min-h-0 flex-1">
        <Conference />
      </div>
    </LiveKitRoom>
  );
}

function CallHeader({ grant, title }: { grant: JoinGrant; title: string }) {
  const [showPeople, setShowPeople] = useState(false);
  const participants = useParticipants();
  return (
    <header className="relative flex items-center justify-between gap-3 border-b border-white/10 px-3 py-2 text-sm">
      <h1 className="truncate font-medium">{title}</h1>
      <div className="flex items-center gap-2">
        <button
          type="button"
          aria-expanded={showPeople}
          aria-controls="participant-list"
          onClick={() => setShowPeople((shown) => !shown)}
          className="lk-button"
        >
          People ({participants.length})
        </button>
        {grant.role === "HOST" && (
          // Ending deletes the room; the Disconnected event (ROOM_DELETED) then moves us on.
          <EndMeetingButton meetingId={grant.meetingId} onEnded={() => undefined} compact />
        )}
      </div>
      {showPeople && <ParticipantList />}
    </header>
  );
}

function ParticipantList() {
  const participants = useParticipants();
  return (
    <section
      id="participant-list"
      aria-label="Participants"
      className="absolute top-full right-2 z-20 mt-1 w-72 max-w-[calc(100vw-1rem)] rounded-lg border border-white/10 bg-[#1a1a1a] p-3 shadow-xl"
    >
      <h2 className="mb-2 font-medium">In this call</h2>
      <ul className="flex max-h-80 flex-col gap-1 overflow-y-auto">
        {participants.map((p) => (
          <li key={p.identity} className="flex items-center justify-between gap-2">
            <span className={`truncate ${p.isSpeaking ? "font-semibold text-green-400" : ""}`}>
              {p.name || "Unnamed"}
              {p.isLocal ? " (you)" : ""}
            </span>
            <span className="shrink-0 text-xs text-white/60">{roleLabel(roleOf(p.metadata))}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function roleOf(metadata: string | undefined): string {
  try {
    return String(JSON.parse(metadata ?? "{}").role ?? "PARTICIPANT");
  } catch {
    return "PARTICIPANT";
  }
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
