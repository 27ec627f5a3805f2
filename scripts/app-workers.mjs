/**
 * Starts the app's server as APP_WORKERS processes sharing one port (node:cluster).
 *
 * Usage: node scripts/app-workers.mjs <server entry> [arguments…]
 *   the Docker image:  node app-workers.mjs server.js                 (Next's standalone server)
 *   scripts/lib:       node scripts/app-workers.mjs node_modules/next/dist/bin/next start -p 3000
 *
 * One Node process runs JavaScript on one core. With APP_WORKERS=1 (the default) the entry
 * runs in this process, exactly as if started directly. With more, this process only keeps
 * the workers running: each is a whole app instance (the app keeps its state in PostgreSQL
 * and LiveKit, docs/decisions/032-token-throughput.md), and the primary hands each new
 * connection to the next worker in turn (node:cluster's round-robin). A worker that dies
 * is replaced; SIGTERM or SIGINT is passed on to every worker, and this process exits once
 * they all have (after 15 s, the ones still running are killed).
 *
 * Plain JavaScript with Node's own modules only: it runs before (and outside) any build.
 */
import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [entry, ...entryArgs] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node app-workers.mjs <server entry> [arguments…]");
  process.exit(2);
}

const workerCount = parseWorkerCount(process.env.APP_WORKERS);
const SHUTDOWN_GRACE_MS = 15_000;
/** More exits than this within CRASH_WINDOW_MS and the primary gives up (a supervisor restarts it). */
const MAX_RESTARTS = 5;
const CRASH_WINDOW_MS = 60_000;

if (workerCount === 1) {
  // The entry reads its own command line (Next's CLI parses process.argv).
  process.argv = [process.argv[0], path.resolve(entry), ...entryArgs];
  await import(pathToFileURL(path.resolve(entry)).href);
} else {
  runPrimary();
}

/** "auto" is one worker per core; anything else must be a whole number from 1 to 64. */
function parseWorkerCount(raw) {
  if (raw === undefined || raw === "") return 1;
  if (raw === "auto") return availableParallelism();
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 64) {
    console.error(`Parley cannot start. APP_WORKERS must be "auto" or a whole number from 1 to 64, not "${raw}".`);
    process.exit(1);
  }
  return count;
}

function runPrimary() {
  const log = (message) => console.info(`[workers] ${message}`);
  // A worker stays in cluster.workers until both its exit and its disconnect have been seen,
  // in either order: count only those whose process has not exited.
  const liveWorkers = () => Object.values(cluster.workers ?? {}).filter((worker) => worker && !worker.isDead());
  let stopping = false;
  let exitCode = 0;
  let recentExits = [];

  cluster.setupPrimary({ exec: path.resolve(entry), args: entryArgs });
  log(`starting ${workerCount} workers`);
  for (let i = 0; i < workerCount; i++) cluster.fork();

  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (liveWorkers().length === 0) process.exit(exitCode);
      return;
    }
    const now = Date.now();
    recentExits = [...recentExits.filter((at) => now - at < CRASH_WINDOW_MS), now];
    const how = signal ?? `code ${code}`;
    if (recentExits.length > MAX_RESTARTS) {
      console.error(`[workers] ${recentExits.length} workers exited within a minute (the last: ${how}); stopping`);
      stop("SIGTERM", 1);
      return;
    }
    log(`worker ${worker.process.pid} exited (${how}); starting another`);
    cluster.fork();
  });

  function stop(signal, code = 0) {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    if (liveWorkers().length === 0) process.exit(exitCode);
    for (const worker of liveWorkers()) worker.process.kill(signal);
    setTimeout(() => {
      for (const worker of liveWorkers()) worker.process.kill("SIGKILL");
      process.exit(exitCode);
    }, SHUTDOWN_GRACE_MS).unref();
  }

  for (const signal of ["SIGTERM", "SIGINT"]) process.on(signal, () => stop(signal));
}
