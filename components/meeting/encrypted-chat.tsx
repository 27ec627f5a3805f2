"use client";

import { useRoomContext } from "@livekit/components-react";
import { RoomEvent, type RemoteParticipant } from "livekit-client";
import { useEffect, useRef, useState } from "react";
import { ENCRYPTED_CHAT_TOPIC } from "@/lib/chat-topic";

const MAX_LENGTH = 1000;

interface Line {
  id: string;
  name: string;
  text: string;
  mine: boolean;
  at: number;
}

/** A chat line in a data packet, or null for anything else (ignored). */
function decodeLine(payload: Uint8Array): { id: string; text: string } | null {
  try {
    const { id, text } = JSON.parse(new TextDecoder().decode(payload)) as { id?: unknown; text?: unknown };
    return typeof id === "string" && typeof text === "string" && text.length > 0 && text.length <= MAX_LENGTH ? { id, text } : null;
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
  const [lines, setLines] = useState<Line[]>([]);
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);

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

  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [lines.length, visible]);

  async function send(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem("message") as HTMLInputElement;
    const text = input.value.trim();
    if (!text) return;
    const id = crypto.randomUUID();
    try {
      await room.localParticipant.publishData(new TextEncoder().encode(JSON.stringify({ id, text })), {
        reliable: true,
        topic: ENCRYPTED_CHAT_TOPIC,
      });
    } catch {
      setError("Your message was not sent. Check your connection and try again.");
      return;
    }
    setError(null);
    setLines((current) => [...current, { id, text, name: "You", mine: true, at: Date.now() }]);
    input.value = "";
  }

  return (
    <aside className="lk-chat" aria-label="Chat" style={{ display: visible ? "grid" : "none" }}>
      <div className="lk-chat-header" style={{ flexDirection: "column", alignItems: "flex-start", justifyContent: "center" }}>
        <h2 style={{ fontSize: "1rem", fontWeight: 600 }}>Chat</h2>
        <p style={{ fontSize: "0.75rem" }}>End-to-end encrypted. Chat is not stored: only people in the call now see it.</p>
      </div>
      <ol ref={listRef} className="lk-list lk-chat-messages" aria-label="Chat messages" aria-live="polite" style={{ alignSelf: "stretch" }}>
        {lines.map((line) => (
          <li key={line.id} className="lk-chat-entry" data-lk-message-origin={line.mine ? "local" : "remote"}>
            <span className="lk-meta-data">
              <strong className="lk-participant-name">{line.name}</strong>
              <span className="lk-timestamp">{new Date(line.at).toLocaleTimeString(undefined, { timeStyle: "short" })}</span>
            </span>
            {/* LiveKit's bubble colour for others' messages is too light for white text (axe, WCAG AA). */}
            <span className="lk-message-body" style={line.mine ? undefined : { backgroundColor: "#1e40af" }}>
              {line.text}
            </span>
          </li>
        ))}
      </ol>
      <div>
        {error && (
          <p role="alert" style={{ padding: "0 0.75rem", fontSize: "0.875rem", color: "#fca5a5" }}>
            {error}
          </p>
        )}
        <form className="lk-chat-form" onSubmit={send}>
          <input
            name="message"
            className="lk-form-control lk-chat-form-input"
            aria-label="Message"
            placeholder="Type a message…"
            maxLength={MAX_LENGTH}
            autoComplete="off"
          />
          <button type="submit" className="lk-button lk-chat-form-button">
            Send
          </button>
        </form>
      </div>
    </aside>
  );
}
