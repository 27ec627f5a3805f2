"use client";

import { Chat } from "@livekit/components-react";

/**
 * Chat of an end-to-end encrypted meeting: LiveKit's chat over data packets, which the
 * room's E2EE encrypts, straight between the browsers. The server neither relays nor stores
 * it (it refuses to: lib/meetings/chat.ts), so people who join later do not see earlier
 * messages. Loaded only in encrypted calls.
 */
export default function EncryptedChat({ visible }: { visible: boolean }) {
  return (
    <div style={{ display: visible ? "grid" : "none" }} className="grid grid-rows-[auto_1fr]">
      <p className="bg-emerald-900 px-3 py-1 text-xs text-white">
        End-to-end encrypted. Chat is not stored: only people in the call now see it.
      </p>
      <Chat />
    </div>
  );
}
