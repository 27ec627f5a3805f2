/**
 * The join-time floor (issue 11): the least a web page can do to join a LiveKit call. A bare
 * HTML page, no framework, livekit-client's own prebuilt bundle; a click on "Join meeting"
 * fetches a token from this server (which only signs it: a plain full-grant token, as
 * LiveKit's samples hand out) and connects with livekit-client's defaults, attaching the
 * first remote video it is given. Same browser, SFU, loopback and remote publisher as
 * Parley's runs, measured with the same instrumentation (bench/lib/browser.ts).
 *
 * The floor's room is its own (`bench-floor-…`, created through the server API): Parley's
 * webhook ignores rooms it does not know, whereas in a meeting's room it would remove an
 * identity the database never admitted.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { AccessToken } from "livekit-server-sdk";

const root = path.resolve(import.meta.dirname, "../..");

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>LiveKit floor</title></head>
<body>
<form id="join"><button type="submit">Join meeting</button></form>
<button type="button" id="leave">Leave</button>
<video id="remote" autoplay playsinline muted width="320" height="180"></video>
<script src="/livekit-client.umd.js"></script>
<script>
  let room;
  document.getElementById("join").addEventListener("submit", async (event) => {
    event.preventDefault();
    // The path matches the instrumentation's token-route pattern (bench/lib/browser.ts).
    const grant = await (await fetch("/api/meetings/floor/token", { method: "POST" })).json();
    room = new LivekitClient.Room();
    room.on(LivekitClient.RoomEvent.TrackSubscribed, (track) => {
      if (track.kind === "video") track.attach(document.getElementById("remote"));
    });
    await room.connect(grant.serverUrl, grant.token);
  });
  document.getElementById("leave").addEventListener("click", () => room && room.disconnect());
</script>
</body></html>`;

export interface FloorPage {
  url: string;
  close(): Promise<void>;
}

/** Serves the floor page on 127.0.0.1:`port`; tokens are for `room`, one new identity each. */
export async function startFloorPage(port: number, room: string): Promise<FloorPage> {
  const bundle = readFileSync(path.join(root, "node_modules/livekit-client/dist/livekit-client.umd.js"));
  let joins = 0;
  const server: Server = createServer(async (request, response) => {
    if (request.method === "GET" && request.url === "/") {
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(PAGE);
    } else if (request.method === "GET" && request.url === "/livekit-client.umd.js") {
      response.writeHead(200, { "Content-Type": "text/javascript" }).end(bundle);
    } else if (request.method === "POST" && request.url === "/api/meetings/floor/token") {
      const token = new AccessToken(process.env.LIVEKIT_API_KEY, process.env.LIVEKIT_API_SECRET, {
        identity: `floor-${++joins}`,
        ttl: 300,
      });
      token.addGrant({ room, roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true });
      response
        .writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" })
        .end(JSON.stringify({ serverUrl: process.env.LIVEKIT_URL, token: await token.toJwt() }));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A plain full-grant token, as the floor's remote publisher uses. */
export function fullGrantToken(room: string, identity: string): Promise<string> {
  const token = new AccessToken(process.env.LIVEKIT_API_KEY, process.env.LIVEKIT_API_SECRET, { identity, ttl: 600 });
  token.addGrant({ room, roomJoin: true, canPublish: true, canSubscribe: true, canPublishData: true });
  return token.toJwt();
}
