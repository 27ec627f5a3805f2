import { MediaServerUnavailable } from "@/lib/meetings/errors";

/**
 * Runs a LiveKit server API call for the domain: a failure (LiveKit down, a timeout) is
 * logged with its cause and becomes MediaServerUnavailable (503 with a message a person can
 * act on), the one way every domain module reports it.
 */
export async function liveKitCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    console.error("[livekit] call failed:", error);
    throw new MediaServerUnavailable();
  }
}
