/**
 * The LiveKit data topics Parley uses, shared by the server (lib/livekit.ts) and the browser.
 * A packet the server sends has no sending participant: that, not the topic, is how a
 * browser tells the app's own packets apart from anything a participant could publish.
 */

/** Chat messages the app stored and relays (docs/decisions/021; components/meeting/chat-panel.tsx). */
export const CHAT_TOPIC = "parley.chat";

/**
 * The topic of chat in an end-to-end encrypted meeting (docs/decisions/025): sent by each
 * browser to the others over LiveKit's encrypted data packets, never through the app.
 */
export const ENCRYPTED_CHAT_TOPIC = "parley.e2ee-chat";

/**
 * "The host ended the meeting", sent by the app just before it deletes the room
 * (lib/meetings/end.ts; components/meeting/meeting-room.tsx): one packet reaches every page
 * at once, where LiveKit's own notice (the disconnect with reason ROOM_DELETED) comes after
 * the news of every other participant leaving, processed one by one.
 */
export const MEETING_ENDED_TOPIC = "parley.meeting-ended";
