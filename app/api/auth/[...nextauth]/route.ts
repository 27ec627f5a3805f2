import NextAuth from "next-auth";
import { authOptions, limitSignInAttempt } from "@/lib/auth";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth's own endpoints (csrf, session, signin, callback, signout). The options are built
// on the first request, once the environment has been validated.
function handler(request: Request, context: Context): Promise<Response> {
  return NextAuth(authOptions())(request, context);
}

// Password checks and sign-in emails are rate-limited before next-auth sees them.
async function post(request: Request, context: Context): Promise<Response> {
  const refused = await limitSignInAttempt(request, (await context.params).nextauth);
  return refused ?? handler(request, context);
}

export { handler as GET, post as POST };
