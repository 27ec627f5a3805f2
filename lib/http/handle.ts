import { Prisma } from "@/lib/generated/prisma/client";
import { DomainError, RateLimited } from "@/lib/meetings/errors";
import { apiError } from "@/lib/http/responses";

/**
 * Runs a route handler's body and maps what it throws to a response, in one place:
 * domain errors carry their own status and message; a database that does not answer is a
 * 503 with a message; anything else is logged and answered with a plain 500.
 */
export async function handleRoute(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    return errorResponse(error);
  }
}

export function errorResponse(error: unknown): Response {
  if (error instanceof RateLimited) {
    const response = apiError(error.status, error.code, error.message);
    response.headers.set("Retry-After", String(error.retryAfterSeconds));
    return response;
  }
  if (error instanceof DomainError) return apiError(error.status, error.code, error.message);
  if (isDatabaseUnavailable(error)) {
    console.error("[db] unavailable:", error);
    return apiError(503, "database_unavailable", "The service is temporarily unavailable. Please try again shortly.");
  }
  console.error("[api] unexpected error:", error);
  return apiError(500, "internal_error", "Something went wrong on our side. Please try again.");
}

function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    // P1001 can't reach server, P1002 timed out, P1017 server closed the connection,
    // P2024 pool timeout. Raw queries report the driver's kind instead (P2010).
    if (["P1001", "P1002", "P1017", "P2024"].includes(error.code)) return true;
  }
  const message = error instanceof Error ? error.message : "";
  return /Can't reach database server|DatabaseNotReachable|ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect/i.test(
    message,
  );
}
