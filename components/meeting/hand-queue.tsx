"use client";

import type { Participant } from "livekit-client";
import { handUpSince, useAttributesVersion } from "@/components/meeting/hands";
import { api } from "@/lib/api-client";
import { parseRoleMetadata } from "@/lib/meetings/roles";

/**
 * Hosts and co-hosts: raised hands in the order they went up, with "Lower hand" for each and
 * "Bring on stage" for viewers (which also lowers the hand: they got the word).
 */
export default function HandQueue({
  meetingId,
  participants,
  onError,
}: {
  meetingId: string;
  participants: Participant[];
  onError: (message: string | null) => void;
}) {
  useAttributesVersion();
  const queue = participants.filter((p) => handUpSince(p) !== null).sort((a, b) => handUpSince(a)!.localeCompare(handUpSince(b)!));
  if (queue.length === 0) return null;
  const lower = async (p: Participant) => {
    const result = await api.lowerHand(meetingId, p.identity);
    return result.ok ? null : result.message;
  };
  async function bringOnStage(p: Participant) {
    const result = await api.setOnStage(meetingId!, p.identity, true);
    onError(result.ok ? await lower(p) : result.message);
  }
  return (
    <div className="flex flex-col gap-2">
      <h2 className="font-medium">Raised hands ({queue.length})</h2>
      <ol className="flex flex-col gap-1" aria-label="Raised hands">
        {queue.map((p, position) => {
          const name = p.name || "Unnamed";
          return (
            <li key={p.identity} className="flex items-center justify-between gap-2 text-sm">
              <span className="truncate">
                {position + 1}. {name}
              </span>
              <span className="flex shrink-0 gap-1 text-xs">
                {parseRoleMetadata(p.metadata).role === "VIEWER" && (
                  <button
                    type="button"
                    aria-label={`Bring ${name} on stage (raised hand)`}
                    onClick={() => void bringOnStage(p)}
                    className="rounded border border-white/20 px-2 py-0.5 hover:bg-white/10"
                  >
                    On stage
                  </button>
                )}
                <button
                  type="button"
                  aria-label={`Lower ${name}'s hand`}
                  onClick={async () => onError(await lower(p))}
                  className="rounded border border-white/20 px-2 py-0.5 hover:bg-white/10"
                >
                  Lower
                </button>
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
