import { InvalidEnvironmentError, serverEnv } from "@/lib/env";

/**
 * Validating the environment at boot (instead of on the first request) makes a missing or
 * malformed variable stop `next start` at once, with the variable's name, rather than
 * surfacing later as a 500.
 */
export function validateEnvironmentOrExit(): void {
  try {
    serverEnv();
  } catch (error) {
    if (!(error instanceof InvalidEnvironmentError)) throw error;
    console.error(`Parley cannot start. ${error.message}\nSee the configuration table in README.md.`);
    process.exit(1);
  }
}
