import { request as httpsRequest } from "node:https";
import { connect as tlsConnect } from "node:tls";
import { readFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Client } from "../integration/support/client";
import { signUpAndSignIn } from "../integration/support/session";
import { topology } from "./support/topology";

/**
 * HTTPS in front (docs/decisions/014-015): the edge and Caddy with its internal CA, checked
 * from outside the way a browser or a TURN client meets them. Node trusts Caddy's root through
 * NODE_EXTRA_CA_CERTS (scripts/test.sh); nothing here turns certificate checks off.
 */
const rootCa = readFileSync(topology.rootCa);

describe("HTTPS in front of the app and LiveKit", () => {
  it("plain HTTP answers with a permanent redirect to the same path on HTTPS", async () => {
    const response = await fetch(`${topology.httpUrl}/meetings?tab=live`, { redirect: "manual" });
    expect(response.status).toBe(308);
    expect(response.headers.get("location")).toBe(`${topology.appUrl}/meetings?tab=live`);
  });

  it("the app answers over HTTPS with a certificate for its name, HSTS, and Secure session cookies", async () => {
    const health = await fetch(`${topology.appUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", down: [] });
    expect(health.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);

    const { cookie } = await signUpAndSignIn({ name: "Tls Host" });
    // next-auth names its cookies __Secure-… when APP_URL is https (sent only over TLS).
    expect(cookie).toMatch(/__Secure-next-auth\.session-token=/);
    const meetings = await new Client(cookie).get("/api/meetings");
    expect(meetings.status).not.toBe(401);
  });

  it("LiveKit's signalling upgrades to a WebSocket on the same name (wss://…/rtc)", async () => {
    const host = new Client((await signUpAndSignIn({ name: "Wss Host" })).cookie);
    const created = await (await host.post("/api/meetings", {})).json();
    const grant = await (
      await host.post(`/api/invites/${new URL(created.inviteUrl).pathname.split("/").pop()}/join`, { name: "Wss Host" })
    ).json();
    expect(grant.serverUrl).toBe(`wss://${topology.domain}:${topology.httpsPort}`);

    const upgrade = (token: string) =>
      new Promise<number>((resolve, reject) => {
        const req = httpsRequest(`${topology.appUrl}/rtc?access_token=${token}&protocol=16`, {
          ca: rootCa,
          headers: {
            Connection: "Upgrade",
            Upgrade: "websocket",
            "Sec-WebSocket-Version": "13",
            "Sec-WebSocket-Key": Buffer.from("parley-topology!").toString("base64"),
          },
        });
        req.on("upgrade", (response, socket) => {
          socket.destroy();
          resolve(response.statusCode ?? 0);
        });
        req.on("response", (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end();
      });
    expect(await upgrade(grant.token)).toBe(101);
    // Without a valid token LiveKit itself refuses: the proxy adds no access of its own.
    expect(await upgrade("not-a-token")).toBe(401);
  });

  it("TURN/TLS on the public HTTPS port: the edge ends TLS with the certificate Caddy issued for the TURN name", async () => {
    const served = await new Promise<X509Certificate>((resolve, reject) => {
      const socket = tlsConnect({ host: "127.0.0.1", port: topology.httpsPort, servername: topology.turnDomain, ca: rootCa }, () => {
        const certificate = socket.getPeerX509Certificate();
        socket.destroy();
        if (!socket.authorized) reject(new Error(`not trusted: ${socket.authorizationError}`));
        else if (!certificate) reject(new Error("no certificate"));
        else resolve(certificate);
      });
      socket.on("error", reject);
    });
    expect(served.subjectAltName).toBe(`DNS:${topology.turnDomain}`);
    const onDisk = new X509Certificate(
      readFileSync(
        `${topology.runDir.replace("/.run/", "/.data/")}/caddy/certificates/local/${topology.turnDomain}/${topology.turnDomain}.crt`,
      ),
    );
    // The very file Caddy manages (and renews), not a copy.
    expect(served.fingerprint256).toBe(onDisk.fingerprint256);
  });
});
