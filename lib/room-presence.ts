/**
 * What this app instance learnt about a LiveKit room in the last moment, so that a burst of
 * joins into one meeting asks LiveKit once, not once per join (docs/decisions/029-room-presence.md).
 *
 * - Lookups of one room share one request while it is in flight, and its answer for `freshMs`.
 * - Each seat claimed here counts one more person on top of LiveKit's count for the rest of
 *   that time, so the app's room-size check stays tight within a burst (someone given a token
 *   who never connects holds a seat until the next lookup, at most `freshMs`). LiveKit's own
 *   `max_participants` (set when the room is created) is the hard limit, across instances.
 * - A room counts as existing only when someone was in it, or this instance created it, within
 *   `freshMs`: LiveKit keeps a room for its departure timeout after the last person leaves (20 s)
 *   and its empty timeout after creation (5 min), both far longer, so a token issued on that
 *   knowledge never points at a room that has closed on its own. A room deleted on purpose (the
 *   meeting ended) is marked gone at once here; other instances read the ended meeting from the
 *   database before they issue anything.
 *
 * Pure bookkeeping: the caller supplies the lookup (lib/livekit.ts) and the clock.
 */
interface Entry {
  at: number;
  participants: number;
  exists: boolean;
}

export interface RoomPresenceMemoOptions {
  /** Counts the people in a room (null: no such room). */
  lookup: (room: string) => Promise<number | null>;
  freshMs: number;
  now?: () => number;
  /** Entries kept before expired ones are swept (many meetings, one process). */
  sweepAbove?: number;
}

export function createRoomPresenceMemo({ lookup, freshMs, now = Date.now, sweepAbove = 1000 }: RoomPresenceMemoOptions) {
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<Entry>>();
  const fresh = (entry: Entry | undefined): entry is Entry => entry !== undefined && now() - entry.at < freshMs;

  function remember(room: string, entry: Entry) {
    if (entries.size >= sweepAbove) {
      for (const [name, old] of entries) if (!fresh(old)) entries.delete(name);
    }
    entries.set(room, entry);
  }

  async function load(room: string): Promise<Entry> {
    const startedAt = now();
    const participants = await lookup(room);
    const entry = { at: startedAt, participants: participants ?? 0, exists: (participants ?? 0) > 0 };
    // Something newer (a creation, a deletion) landed while the lookup ran: keep it.
    const current = entries.get(room);
    if (current && current.at >= startedAt) return current;
    remember(room, entry);
    return entry;
  }

  function current(room: string): Promise<Entry> {
    const known = entries.get(room);
    if (fresh(known)) return Promise.resolve(known);
    let pending = inFlight.get(room);
    if (!pending) {
      pending = load(room).finally(() => inFlight.delete(room));
      inFlight.set(room, pending);
    }
    return pending;
  }

  return {
    /**
     * Takes a seat in the room if fewer than `capacity` are in it (LiveKit's count, plus seats
     * claimed here since); answers false when it is full.
     */
    async claimSeat(room: string, capacity: number): Promise<boolean> {
      const entry = await current(room);
      // Decided and counted in one synchronous step: concurrent claims see each other's seats.
      if (entry.participants >= capacity) return false;
      entry.participants += 1;
      return true;
    },
    /** Rooms remembered: expired ones are swept once there are `sweepAbove`, so memory stays bounded. */
    size(): number {
      return entries.size;
    },
    /** Someone was in the room, or this instance created it, within `freshMs`. */
    knownToExist(room: string): boolean {
      const known = entries.get(room);
      return fresh(known) && known.exists;
    },
    /** The room was just created (or found existing) by this instance. */
    created(room: string) {
      const known = entries.get(room);
      // In place, so that seats claimed meanwhile on the same entry stay counted.
      if (fresh(known)) known.exists = true;
      else remember(room, { at: now(), participants: 0, exists: true });
    },
    /** The room was deleted: it does not exist, whatever a lookup begun before said. */
    deleted(room: string) {
      remember(room, { at: now(), participants: 0, exists: false });
    },
  };
}
