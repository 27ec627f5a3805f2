"use client";

import { useRoomContext } from "@livekit/components-react";
import { RoomEvent, type RemoteParticipant } from "livekit-client";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { PanelToggle } from "@/components/meeting/panel-toggle";
import type { ReceivedReaction, RegisterReactionReceiver } from "@/components/meeting/reaction-center";
import { REACTION_TOPIC } from "@/lib/call-attributes";

// Showing, picking and sending reactions: loaded when the first one arrives or someone opens
// the picker. Until then, the call only listens for the reactions topic.
const ReactionCenter = dynamic(() => import("@/components/meeting/reaction-center"), { ssr: false });

/**
 * Reactions go peer to peer over LiveKit's data channel: the app server never sees them and
 * nothing stores them. The polite live region is here from the start, so screen readers
 * announce even the first reaction.
 */
export function Reactions() {
  const room = useRoomContext();
  const [loaded, setLoaded] = useState(false);
  const [open, setOpen] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  // Reactions that arrive before the reaction code has loaded wait here for it.
  const waiting = useRef<ReceivedReaction[]>([]);
  const deliver = useRef<((reaction: ReceivedReaction) => void) | null>(null);
  const menuId = useId();
  const register = useCallback<RegisterReactionReceiver>((receiver) => {
    deliver.current = receiver;
    waiting.current.splice(0).forEach(receiver);
    return () => {
      deliver.current = null;
    };
  }, []);

  useEffect(() => {
    const onData = (payload: Uint8Array, participant?: RemoteParticipant, _kind?: unknown, topic?: string) => {
      if (topic !== REACTION_TOPIC || !participant) return;
      const received: ReceivedReaction = { payload, sender: participant };
      if (deliver.current) deliver.current(received);
      else {
        waiting.current.push(received);
        setLoaded(true);
      }
    };
    room.on(RoomEvent.DataReceived, onData);
    return () => {
      room.off(RoomEvent.DataReceived, onData);
    };
  }, [room]);

  return (
    <>
      <PanelToggle
        icon="🙂"
        label="React"
        open={open}
        panelId={menuId}
        onToggle={() => {
          setLoaded(true);
          setOpen((o) => !o);
        }}
      >
        {loaded && <ReactionCenter menuId={menuId} pickerOpen={open} register={register} announce={setAnnouncement} />}
      </PanelToggle>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </>
  );
}
