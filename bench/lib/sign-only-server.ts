/**
 * The throughput ceiling for token issuance: a bare Node HTTP server (one process, like
 * `next start`) that parses the same JSON body and signs the same LiveKit token with the
 * app's own signing code (lib/livekit.ts issueRoomToken: same key, grants, TTL, metadata),
 * and does nothing else: no session, no invite, no database, no LiveKit API call.
 * Usage: node --import tsx bench/lib/sign-only-server.ts <port>
 */
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { issueRoomToken, livekitClientUrl } from "@/lib/livekit";

const port = Number(process.argv[2] ?? 3290);

createServer((request, response) => {
  let body = "";
  request.setEncoding("utf8");
  request.on("data", (chunk: string) => (body += chunk));
  request.on("end", async () => {
    try {
      const name = String(JSON.parse(body || "{}").name ?? "Guest");
      const identity = `guest_${randomUUID()}`;
      const token = await issueRoomToken({
        room: "bench-ceiling",
        identity,
        displayName: name,
        role: "PARTICIPANT",
        metadata: { meetingId: "bench" },
      });
      const payload = JSON.stringify({
        serverUrl: livekitClientUrl(),
        token,
        identity,
        displayName: name,
        role: "PARTICIPANT",
        meetingId: "bench",
      });
      response.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" }).end(payload);
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
}).listen(port, "127.0.0.1", () => console.log(`sign-only server on :${port}`));
