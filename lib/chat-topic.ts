/**
 * The LiveKit data topic of chat messages the app relays (docs/decisions/021). Shared by the
 * server (lib/livekit.ts) and the browser (components/meeting/chat-panel.tsx).
 */
export const CHAT_TOPIC = "parley.chat";
