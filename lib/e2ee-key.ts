/**
 * The key of an end-to-end encrypted meeting (docs/decisions/025). Made in the host's browser
 * and carried only in the invite link's fragment (`#key=…`), which browsers never send to a
 * server; the host's browser also remembers it (localStorage) to start the meeting and to show
 * complete links. Browser-only module: the server never handles a key.
 */

const FRAGMENT_KEY = "key";
const STORAGE_PREFIX = "parley.e2ee.";

/** 256 random bits, base64url (43 characters). */
export function generateMeetingKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

export function isWellFormedKey(key: string | null | undefined): key is string {
  return typeof key === "string" && /^[A-Za-z0-9_-]{43}$/.test(key);
}

/** The key in a URL fragment such as "#key=…", or null. */
export function keyFromFragment(hash: string): string | null {
  const key = new URLSearchParams(hash.replace(/^#/, "")).get(FRAGMENT_KEY);
  return isWellFormedKey(key) ? key : null;
}

export function linkWithKey(url: string, key: string): string {
  return `${url.split("#")[0]}#${FRAGMENT_KEY}=${key}`;
}

export function rememberKey(meetingId: string, key: string) {
  try {
    localStorage.setItem(STORAGE_PREFIX + meetingId, key);
  } catch {
    // Private mode without storage: the link still carries the key.
  }
}

export function rememberedKey(meetingId: string): string | null {
  try {
    const key = localStorage.getItem(STORAGE_PREFIX + meetingId);
    return isWellFormedKey(key) ? key : null;
  } catch {
    return null;
  }
}

/** For useSyncExternalStore: the fragment and the kept key do not change while a page is open. */
export const subscribeToNothing = () => () => undefined;
