import { isWellFormedInviteToken } from "@/lib/meetings/invite-token";

/**
 * The invite token in whatever someone pasted into "Join a meeting": a whole link (from any
 * host name: the link may have been written for another address of this server), a path, or
 * the bare token. Null when there is none.
 */
export function inviteTokenFromPaste(pasted: string): string | null {
  const text = pasted.trim();
  if (isWellFormedInviteToken(text)) return text;
  const match = /(?:^|\/)j\/([A-Za-z0-9_-]+)\/?(?:[?#].*)?$/.exec(text);
  return match?.[1] && isWellFormedInviteToken(match[1]) ? match[1] : null;
}
