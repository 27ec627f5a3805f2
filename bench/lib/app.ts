/**
 * The app as a real caller sees it: accounts, meetings and join tokens over HTTP, through
 * the same routes the browser uses. Sign-in reuses the integration tests' helper, which
 * reads the app's address from PARLEY_TEST_APP_URL (set by scripts/bench.sh).
 */
import { signUpAndSignIn } from "../../e2e/integration/support/session";
import { appUrl } from "../../e2e/integration/support/stack";
import type { JoinGrant } from "../../lib/meetings/roles";

export { appUrl };
export type Host = Awaited<ReturnType<typeof signUpAndSignIn>>;

export interface BenchMeeting {
  id: string;
  inviteUrl: string;
  /** The raw invite token (the last path segment of the invite link). */
  inviteToken: string;
}

export function signUpHost(name = "Bench Host"): Promise<Host> {
  return signUpAndSignIn({ name });
}

async function post(pathname: string, body: unknown, cookie?: string): Promise<Response> {
  return fetch(new URL(pathname, appUrl), {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(cookie && { cookie }) },
    body: JSON.stringify(body),
  });
}

async function expectOk(response: Response, what: string): Promise<unknown> {
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}

/** Creates a meeting the way the dashboard does; 100 is the largest limit the app allows. */
export async function createMeeting(host: Host, title: string, maxParticipants = 100): Promise<BenchMeeting> {
  const created = (await expectOk(await post("/api/meetings", { title, maxParticipants }, host.cookie), "create meeting")) as {
    id: string;
    inviteUrl: string;
  };
  return { ...created, inviteToken: new URL(created.inviteUrl).pathname.split("/").pop()! };
}

/** A guest's join through the invite link: every server-side check, then a LiveKit token. */
export async function joinAsGuest(meeting: BenchMeeting, name: string): Promise<JoinGrant> {
  return (await expectOk(await post(`/api/invites/${meeting.inviteToken}/join`, { name }), `join as ${name}`)) as JoinGrant;
}

export async function joinAsHost(host: Host, meeting: BenchMeeting): Promise<JoinGrant> {
  return (await expectOk(await post(`/api/meetings/${meeting.id}/token`, {}, host.cookie), "host token")) as JoinGrant;
}

export async function endMeeting(host: Host, meeting: BenchMeeting): Promise<Response> {
  return post(`/api/meetings/${meeting.id}/end`, {}, host.cookie);
}
