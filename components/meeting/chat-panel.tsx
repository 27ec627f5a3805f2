"use client";

import { useRoomContext } from "@livekit/components-react";
import { RoomEvent, type Participant, type RemoteParticipant } from "livekit-client";
import { useCallback, useEffect, useRef, useState } from "react";
import { api, NETWORK_ERROR, NETWORK_ERROR_MESSAGE, type ChatMessage } from "@/lib/api-client";
import { CHAT_TOPIC } from "@/lib/chat-topic";

const MAX_LENGTH = 1000;
const roleNote: Partial<Record<ChatMessage["senderRole"], string>> = { HOST: "host", COHOST: "co-host" };

function isChatMessage(value: unknown): value is ChatMessage {
  const m = value as ChatMessage;
  return typeof m?.id === "string" && typeof m.text === "string" && typeof m.senderName === "string" && typeof m.sentAt === "string";
}

/**
 * The call's chat (docs/decisions/021): sending is a POST to the app, which stores the
 * message under the sender it knows and relays it through LiveKit. Only packets the server
 * sent (no sending participant) on the chat topic are shown, so nobody can forge a message
 * by publishing data themselves. The history is fetched on open, so late joiners see what
 * was said; live and fetched messages are merged by id.
 */
export function ChatPanel({
  meetingId,
  myIdentity,
  isHost,
  visible,
}: {
  meetingId: string;
  myIdentity: string;
  isHost: boolean;
  visible: boolean;
}) {
  const room = useRoomContext();
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);

  const merge = useCallback((incoming: ChatMessage[]) => {
    setMessages((current) => {
      const byId = new Map(current.map((m) => [m.id, m]));
      for (const m of incoming) byId.set(m.id, m);
      return [...byId.values()].sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.id.localeCompare(b.id));
    });
  }, []);

  useEffect(() => {
    let stopped = false;
    const loadHistory = async () => {
      const result = await api.chatHistory(meetingId);
      if (!stopped && result.ok && Array.isArray(result.data?.messages)) merge(result.data.messages.filter(isChatMessage));
    };
    const decoder = new TextDecoder();
    const onData = (payload: Uint8Array, participant?: RemoteParticipant, _kind?: unknown, topic?: string) => {
      if (topic !== CHAT_TOPIC || participant) return;
      try {
        const message: unknown = JSON.parse(decoder.decode(payload));
        if (isChatMessage(message)) merge([message]);
      } catch {
        // Not a chat message: ignore.
      }
    };
    // Messages relayed before this participant may receive data are never delivered to it:
    // the panel mounts before the connection, and rights arrive from the database after it
    // (decision 013). So the history is fetched again once the rights are granted (and after a
    // reconnect); messages are merged by id, so nothing shows twice.
    const onPermissionsChanged = (_previous: unknown, participant: Participant) => {
      if (participant === room.localParticipant && participant.permissions?.canSubscribe) void loadHistory();
    };
    // Listen first, then fetch the history: a message sent in between arrives one way or the other.
    room.on(RoomEvent.DataReceived, onData);
    room.on(RoomEvent.Reconnected, loadHistory);
    room.on(RoomEvent.ParticipantPermissionsChanged, onPermissionsChanged);
    void loadHistory();
    return () => {
      stopped = true;
      room.off(RoomEvent.DataReceived, onData);
      room.off(RoomEvent.Reconnected, loadHistory);
      room.off(RoomEvent.ParticipantPermissionsChanged, onPermissionsChanged);
    };
  }, [room, meetingId, merge]);

  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [messages.length, visible]);

  async function send(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const input = form.elements.namedItem("message") as HTMLInputElement;
    const text = input.value.trim();
    if (!text) return;
    setSending(true);
    setError(null);
    const result = await api.sendChat(meetingId, text);
    setSending(false);
    if (!result.ok) {
      setError(result.code === NETWORK_ERROR ? `${NETWORK_ERROR_MESSAGE} Your message was not sent.` : result.message);
      return;
    }
    if (isChatMessage(result.data?.message)) merge([result.data.message]);
    if (result.data?.relayed === false) setError("Saved, but not delivered live: others will see it when they rejoin.");
    input.value = "";
  }

  return (
    <aside className="lk-chat" aria-label="Chat" style={{ display: visible ? "grid" : "none" }}>
      <div className="lk-chat-header" style={{ gap: "0.75rem" }}>
        <h2 style={{ fontSize: "1rem", fontWeight: 600 }}>Chat</h2>
        {isHost && (
          <a href={`/api/meetings/${meetingId}/chat/transcript`} download style={{ fontSize: "0.875rem", textDecoration: "underline" }}>
            Download transcript
          </a>
        )}
      </div>
      <ol ref={listRef} className="lk-list lk-chat-messages" aria-label="Chat messages" aria-live="polite" style={{ alignSelf: "stretch" }}>
        {messages.map((m) => (
          <li key={m.id} className="lk-chat-entry" data-lk-message-origin={m.identity === myIdentity ? "local" : "remote"}>
            <span className="lk-meta-data">
              <strong className="lk-participant-name">
                {m.senderName}
                {roleNote[m.senderRole] ? ` (${roleNote[m.senderRole]})` : ""}
              </strong>
              <span className="lk-timestamp">{new Date(m.sentAt).toLocaleTimeString(undefined, { timeStyle: "short" })}</span>
            </span>
            {/* LiveKit's bubble colour for others' messages is too light for white text (axe, WCAG AA). */}
            <span className="lk-message-body" style={m.identity === myIdentity ? undefined : { backgroundColor: "#1e40af" }}>
              {m.text}
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
          <button type="submit" className="lk-button lk-chat-form-button" disabled={sending}>
            Send
          </button>
        </form>
      </div>
    </aside>
  );
}
