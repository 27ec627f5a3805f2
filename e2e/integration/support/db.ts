import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

/** Direct database access for assertions (what changed, and what must not have). */
export const testDb = new PrismaClient({
  adapter: new PrismaPg({ connectionString: requiredEnv("DATABASE_URL") }),
});

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set (scripts/test.sh exports the test stack's env)`);
  return value;
}

/** Everything about one meeting that a refused request must leave untouched. */
export async function meetingSnapshot(meetingId: string) {
  return testDb.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    include: { invites: { orderBy: { id: "asc" } }, participations: { orderBy: { id: "asc" } } },
  });
}

/**
 * Counts of what requests under test can create. (Not attendance: LiveKit's webhooks about
 * other tests' rooms keep arriving asynchronously and would make such a count flaky.)
 */
export async function tableCounts() {
  const [users, meetings, invites, members, lobbyRequests] = await Promise.all([
    testDb.user.count(),
    testDb.meeting.count(),
    testDb.invite.count(),
    testDb.meetingMember.count(),
    testDb.lobbyRequest.count(),
  ]);
  return { users, meetings, invites, members, lobbyRequests };
}
