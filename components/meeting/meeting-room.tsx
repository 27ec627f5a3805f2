"use client";

import "@livekit/components-styles";
import { LiveKitRoom, VideoConference } from "@livekit/components-react";

export interface ConnectionDetails {
  serverUrl: string;
  token: string;
}

interface MeetingRoomProps {
  connection: ConnectionDetails;
  audio: boolean;
  video: boolean;
  onLeft: () => void;
  onError: (error: Error) => void;
}

/**
 * The call itself: connects to LiveKit with the token the server issued and renders the
 * conference (grid/speaker layout, controls, chat, screen share). Loaded on demand so
 * pages outside the call carry no LiveKit client code.
 */
export default function MeetingRoom({ connection, audio, video, onLeft, onError }: MeetingRoomProps) {
  return (
    <LiveKitRoom
      data-lk-theme="default"
      className="h-dvh"
      serverUrl={connection.serverUrl}
      token={connection.token}
      connect
      audio={audio}
      video={video}
      options={{ adaptiveStream: true, dynacast: true }}
      onDisconnected={onLeft}
      onError={onError}
    >
      <VideoConference />
    </LiveKitRoom>
  );
}
