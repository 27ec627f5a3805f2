import { serverEnv } from "@/lib/env";

export function inviteUrl(rawToken: string): string {
  return new URL(`/j/${rawToken}`, serverEnv().APP_URL).toString();
}
