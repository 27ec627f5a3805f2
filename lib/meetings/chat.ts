import { db } from "@/lib/db";
import type { ChatMessage, Meeting } from "@/lib/generated/prisma/client";
import type { Actor, MeetingActor } from "@/lib/meetings/actors";
import { roleLabel } from "@/lib/format";
import { assertMeetingOpen, ChatNotStored, NotInMeeting, NotSignedIn, RemovedFromMeeting } from "@/lib/meetings/errors";
import { findMember } from "@/lib/meetings/members";
import type { CurrentUser } from "@/lib/session";
import { broadcastChatMessage } from "@/lib/livekit";

/**
 * Chat kept with the meeting (docs/decisions/021-chat-through-the-app.md). A message is a
 * POST to the app, which checks the sender in the database, stores the message with the
 * sender's identity, name and role as the server knows them, and only then relays it to the
 * room through LiveKit's server-side data API. Late joiners read the stored history; the
 * host reads the transcript after the meeting.
 */
export interface ChatMessageView {
  id: string;
  identity: string;
  senderName: string;
  senderRole: ChatMessage["senderRole"];
  text: string;
  sentAt: string;
}

export function toView(message: ChatMessage): ChatMessageView {
  return {
    id: message.id,
    identity: message.identity,
    senderName: message.senderName,
    senderRole: message.senderRole,
    text: message.body,
    sentAt: message.createdAt.toISOString(),
  };
}

/** History shown in the call: the latest messages, oldest first. */
export const CHAT_HISTORY_LIMIT = 500;

/**
 * Who may read and post: the host and admitted members. Someone the host removed is told so
 * (403), an outsider is asked to join (401) or refused (403).
 */
export interface ChatCaller {
  actor: Actor;
  /** The caller's member record says they were removed. */
  removed: boolean;
}

function assertInMeeting({ actor, removed }: ChatCaller): MeetingActor {
  if (actor.role !== null) return actor;
  if (removed) throw new RemovedFromMeeting();
  if (!actor.signedIn) throw new NotSignedIn("Join the meeting to chat.");
  throw new NotInMeeting("Only people in this meeting can chat.");
}

/** The chat caller of a request: the resolved role, plus whether a member record was removed. */
export async function chatCaller(
  meetingId: string,
  actor: Actor,
  caller: CurrentUser | null,
  memberCookie: string | undefined,
): Promise<ChatCaller> {
  if (actor.role !== null) return { actor, removed: false };
  const member = await findMember(meetingId, caller, memberCookie);
  return { actor, removed: Boolean(member?.removedAt) };
}

/** `relayed` is false when the message was stored but LiveKit could not deliver it live. */
export async function postChatMessage(
  meeting: Meeting,
  from: ChatCaller,
  text: string,
): Promise<{ message: ChatMessageView; relayed: boolean }> {
  const sender = assertInMeeting(from);
  assertMeetingOpen(meeting);
  // Storing or relaying it would put the plaintext on the server the encryption keeps out.
  if (meeting.e2ee) throw new ChatNotStored();
  const member = await db().meetingMember.findUnique({
    where: { meetingId_identity: { meetingId: meeting.id, identity: sender.identity } },
  });
  // The host may post before joining (no member row yet): their account name is the name.
  const host = member ? null : await db().user.findUnique({ where: { id: meeting.hostId }, select: { name: true, email: true } });
  const message = await db().chatMessage.create({
    data: {
      meetingId: meeting.id,
      identity: sender.identity,
      userId: member?.userId ?? (sender.role === "HOST" ? meeting.hostId : null),
      senderName: member?.displayName ?? host?.name ?? host?.email?.split("@")[0] ?? "Host",
      senderRole: sender.role,
      body: text,
    },
  });
  const view = toView(message);
  try {
    await broadcastChatMessage(meeting.roomName, view);
    return { message: view, relayed: true };
  } catch (error) {
    // Stored, so late joiners and the transcript have it; the sender is told it was not live.
    console.error("[chat] could not relay message:", error);
    return { message: view, relayed: false };
  }
}

export async function listChatMessages(meeting: Meeting, reader: ChatCaller): Promise<ChatMessageView[]> {
  assertInMeeting(reader);
  if (meeting.e2ee) throw new ChatNotStored();
  const latest = await db().chatMessage.findMany({
    where: { meetingId: meeting.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: CHAT_HISTORY_LIMIT,
  });
  return latest.reverse().map(toView);
}

/** The whole transcript, oldest first (host's summary and download). */
export async function chatTranscript(meetingId: string): Promise<ChatMessageView[]> {
  const messages = await db().chatMessage.findMany({ where: { meetingId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return messages.map(toView);
}

/** Plain text, one line per message: "[2026-12-01 09:31:05 UTC] Ada (host): Hello". */
export function transcriptAsText(title: string, messages: ChatMessageView[]): string {
  const lines = messages.map((m) => {
    const at = m.sentAt.replace("T", " ").replace(/\.\d+Z$/, " UTC");
    return `[${at}] ${m.senderName} (${roleLabel(m.senderRole)}): ${m.text.replace(/\r?\n/g, "\n    ")}`;
  });
  return [`Chat transcript: ${title}`, "", ...(lines.length ? lines : ["(no messages)"]), ""].join("\n");
}
