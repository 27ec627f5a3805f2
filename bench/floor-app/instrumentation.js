// The floor's own (empty) instrumentation hook. Without one, Turbopack, whose root is the
// repository (its lockfile), builds Parley's instrumentation.ts into the floor, which then
// checks Parley's environment, patches the HTTP server and starts Parley's background work.
export function register() {}
