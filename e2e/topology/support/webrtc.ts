import type { BrowserContext, Page } from "@playwright/test";

/**
 * Forces every RTCPeerConnection of a page to relay through LiveKit's TURN server
 * (iceTransportPolicy "relay"), over one transport only: "udp" keeps LiveKit's turn:…?transport=udp
 * URLs, "tls" its turns: URL. LiveKit 1.13.5 always advertises turns:<turn domain>:443; on one
 * machine the edge listens on an unprivileged port instead, so the port (and nothing else) is
 * rewritten to it. Register after recordPeerConnections (it wraps whatever constructor is current).
 */
export async function forceTurnRelay(context: BrowserContext, transport: "udp" | "tls", edgePort: number) {
  await context.addInitScript(
    ({ transport, edgePort }) => {
      const Current = window.RTCPeerConnection;
      const onlyTurn = (config?: RTCConfiguration): RTCConfiguration => {
        const iceServers = (config?.iceServers ?? [])
          .map((server) => {
            const urls = ([] as string[]).concat(server.urls ?? []);
            const kept = urls
              .filter((url) => (transport === "udp" ? url.startsWith("turn:") && url.includes("transport=udp") : url.startsWith("turns:")))
              .map((url) => url.replace(/:443\?/, `:${edgePort}?`));
            return { ...server, urls: kept };
          })
          .filter((server) => server.urls.length > 0);
        return { ...config, iceServers, iceTransportPolicy: "relay" };
      };
      window.RTCPeerConnection = class extends Current {
        constructor(config?: RTCConfiguration) {
          super(onlyTurn(config));
        }
        setConfiguration(config?: RTCConfiguration) {
          super.setConfiguration(onlyTurn(config));
        }
      };
    },
    { transport, edgePort },
  );
}

export interface SelectedPair {
  localType: string;
  relayProtocol: string | null;
  remoteType: string;
}

/** The candidate pair each open peer connection of the page actually uses (getStats). */
export async function selectedCandidatePairs(page: Page): Promise<SelectedPair[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    const pairs: { localType: string; relayProtocol: string | null; remoteType: string }[] = [];
    for (const pc of pcs) {
      if (pc.connectionState !== "connected") continue;
      const stats = await pc.getStats();
      let selectedId: string | undefined;
      stats.forEach((report) => {
        if (report.type === "transport" && report.selectedCandidatePairId) selectedId = report.selectedCandidatePairId;
      });
      const pair = selectedId ? stats.get(selectedId) : undefined;
      if (!pair) continue;
      const local = stats.get(pair.localCandidateId);
      const remote = stats.get(pair.remoteCandidateId);
      pairs.push({ localType: local?.candidateType, relayProtocol: local?.relayProtocol ?? null, remoteType: remote?.candidateType });
    }
    return pairs;
  });
}

/** Video frames decoded so far by each peer connection the page created (closed ones: null). */
export async function framesDecodedPerConnection(page: Page): Promise<(number | null)[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    return Promise.all(
      pcs.map(async (pc) => {
        if (pc.connectionState === "closed") return null;
        let frames = 0;
        (await pc.getStats()).forEach((report) => {
          if (report.type === "inbound-rtp" && report.kind === "video") frames += report.framesDecoded ?? 0;
        });
        return frames;
      }),
    );
  });
}

/**
 * Frames decoded since `before` (a framesDecodedPerConnection snapshot): what the page's old
 * connections added plus everything its new ones (a rejoin creates new ones) decoded.
 */
export async function framesDecodedSince(page: Page, before: (number | null)[]): Promise<number> {
  const now = await framesDecodedPerConnection(page);
  return now.reduce<number>((sum, frames, i) => sum + (frames === null ? 0 : Math.max(0, frames - (before[i] ?? 0))), 0);
}
