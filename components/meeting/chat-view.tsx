"use client";

import { useEffect, useRef, type CSSProperties, type ReactNode } from "react";

/** The longest message either chat sends (the app's chat route refuses longer ones too). */
export const CHAT_MAX_LENGTH = 1000;

export interface ChatLine {
  id: string;
  /** The sender as shown, e.g. "Ada (host)" or "You". */
  name: string;
  text: string;
  mine: boolean;
  /** When it was sent: a timestamp or an ISO date. */
  at: number | string;
}

/**
 * What both chats look like (chat-panel.tsx, the app's; encrypted-chat.tsx, end-to-end
 * encrypted): LiveKit's chat styles, the list kept scrolled to the newest line, an error line,
 * and the message box. `onSend` answers whether the message went, so the box keeps a message
 * that did not.
 */
export function ChatView({
  visible,
  header,
  headerStyle,
  lines,
  error,
  sending = false,
  onSend,
}: {
  visible: boolean;
  header: ReactNode;
  headerStyle: CSSProperties;
  lines: ChatLine[];
  error: string | null;
  sending?: boolean;
  onSend: (text: string) => Promise<boolean>;
}) {
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    listRef.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [lines.length, visible]);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = event.currentTarget.elements.namedItem("message") as HTMLInputElement;
    const text = input.value.trim();
    if (text && (await onSend(text))) input.value = "";
  }

  return (
    <aside className="lk-chat" aria-label="Chat" style={{ display: visible ? "grid" : "none" }}>
      <div className="lk-chat-header" style={headerStyle}>
        <h2 style={{ fontSize: "1rem", fontWeight: 600 }}>Chat</h2>
        {header}
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
        <form className="lk-chat-form" onSubmit={submit}>
          <input
            name="message"
            className="lk-form-control lk-chat-form-input"
            aria-label="Message"
            placeholder="Type a message…"
            maxLength={CHAT_MAX_LENGTH}
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
