/**
 * The LiveKit data topic of chat messages the app relays (docs/decisions/021). Shared by the
 * server (lib/livekit.ts) and the browser (components/meeting/chat-panel.tsx).
 */
export const CHAT_TOPIC = "parley.chat";

/**
 * The topic of chat in an end-to-end encrypted meeting (docs/decisions/025): sent by each
 * browser to the others over LiveKit's encrypted data packets, never through the app.
 */
export const ENCRYPTED_CHAT_TOPIC = "parley.e2ee-chat";
