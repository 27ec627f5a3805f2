"use client";

import { useRoomContext } from "@livekit/components-react";
import { RoomEvent, type Participant, type RemoteParticipant } from "livekit-client";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useState } from "react";
import { api, NETWORK_ERROR, NETWORK_ERROR_MESSAGE, type ChatMessage } from "@/lib/api-client";
import { CHAT_TOPIC } from "@/lib/data-topics";
import type { ChatLine } from "@/components/meeting/chat-view";

// What the chat looks like loads the first time it is opened, so joining a call does not
// download it; messages that arrive before are kept here meanwhile.
const ChatView = dynamic(() => import("@/components/meeting/chat-view").then((m) => m.ChatView), { ssr: false });

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
  const [opened, setOpened] = useState(false);
  if (visible && !opened) setOpened(true);

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

  async function send(text: string): Promise<boolean> {
    setSending(true);
    setError(null);
    const result = await api.sendChat(meetingId, text);
    setSending(false);
    if (!result.ok) {
      setError(result.code === NETWORK_ERROR ? `${NETWORK_ERROR_MESSAGE} Your message was not sent.` : result.message);
      return false;
    }
    if (isChatMessage(result.data?.message)) merge([result.data.message]);
    if (result.data?.relayed === false) setError("Saved, but not delivered live: others will see it when they rejoin.");
    return true;
  }

  const lines: ChatLine[] = messages.map((m) => ({
    id: m.id,
    name: roleNote[m.senderRole] ? `${m.senderName} (${roleNote[m.senderRole]})` : m.senderName,
    text: m.text,
    mine: m.identity === myIdentity,
    at: m.sentAt,
  }));

  if (!opened) return null;
  return (
    <ChatView
      visible={visible}
      headerStyle={{ gap: "0.75rem" }}
      header={
        isHost && (
          <a href={`/api/meetings/${meetingId}/chat/transcript`} download style={{ fontSize: "0.875rem", textDecoration: "underline" }}>
            Download transcript
          </a>
        )
      }
      lines={lines}
      error={error}
      sending={sending}
      onSend={send}
    />
  );
}
