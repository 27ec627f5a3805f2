"use client";

import { useRoomContext } from "@livekit/components-react";
import { RoomEvent, type RemoteParticipant } from "livekit-client";
import { useEffect, useState } from "react";
import { CHAT_MAX_LENGTH, ChatView, type ChatLine } from "@/components/meeting/chat-view";
import { ENCRYPTED_CHAT_TOPIC } from "@/lib/data-topics";

/** A chat line in a data packet, or null for anything else (ignored). */
function decodeLine(payload: Uint8Array): { id: string; text: string } | null {
  try {
    const { id, text } = JSON.parse(new TextDecoder().decode(payload)) as { id?: unknown; text?: unknown };
    return typeof id === "string" && typeof text === "string" && text.length > 0 && text.length <= CHAT_MAX_LENGTH ? { id, text } : null;
  } catch {
    return null;
  }
}

/**
 * Chat of an end-to-end encrypted meeting: data packets straight between the browsers, which
 * the room's E2EE encrypts (lib/media/e2ee.ts). The server neither relays nor stores it (it
 * refuses to: lib/meetings/chat.ts), so people who join later do not see earlier messages.
 * It looks like the app's chat (chat-panel.tsx). Loaded only in encrypted calls.
 */
export default function EncryptedChat({ visible }: { visible: boolean }) {
  const room = useRoomContext();
  const [lines, setLines] = useState<ChatLine[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const onData = (payload: Uint8Array, participant?: RemoteParticipant, _kind?: unknown, topic?: string) => {
      if (topic !== ENCRYPTED_CHAT_TOPIC || !participant) return;
      const line = decodeLine(payload);
      if (!line) return;
      const name = participant.name || "Someone";
      setLines((current) =>
        current.some((l) => l.id === line.id) ? current : [...current, { ...line, name, mine: false, at: Date.now() }],
      );
    };
    room.on(RoomEvent.DataReceived, onData);
    return () => {
      room.off(RoomEvent.DataReceived, onData);
    };
  }, [room]);

  async function send(text: string): Promise<boolean> {
    const id = crypto.randomUUID();
    try {
      await room.localParticipant.publishData(new TextEncoder().encode(JSON.stringify({ id, text })), {
        reliable: true,
        topic: ENCRYPTED_CHAT_TOPIC,
      });
    } catch {
      setError("Your message was not sent. Check your connection and try again.");
      return false;
    }
    setError(null);
    setLines((current) => [...current, { id, text, name: "You", mine: true, at: Date.now() }]);
    return true;
  }

  return (
    <ChatView
      visible={visible}
      headerStyle={{ flexDirection: "column", alignItems: "flex-start", justifyContent: "center" }}
      header={<p style={{ fontSize: "0.75rem" }}>End-to-end encrypted. Chat is not stored: only people in the call now see it.</p>}
      lines={lines}
      error={error}
      onSend={send}
    />
  );
}
