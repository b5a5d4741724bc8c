/**
 * The Node.js flags both services run with, wherever they start: the services' `npm start`
 * scripts, the `npm start` supervisor, the container images and the benches.
 *
 * `--max-semi-space-size=8` (MB): V8 otherwise grows the young generation to 64 MB (two 32 MB
 * semi-spaces) under allocation-heavy traffic and keeps it, which on its own was a third of the
 * backend's resident memory. Measured with `npm run bench:evaluate -- --duration 5` on this
 * 2-core machine (2026-12-06, Node 24.22.3, load average ~15 from other work), backend RSS idle /
 * peak: default 232 / 368 MB, 16 MB 202 / 291, 8 MB 192 / 227, 4 MB 181 / 290. CPU per request
 * was within that run's noise at every setting; 4 MB scavenges twice as often as 8 MB for 11 MB
 * less idle memory, so 8 is the setting.
 *
 * `--expose-gc`: lets runService release start-up's garbage with one collection before it
 * listens (startup-gc.ts: backend idle RSS about 200 → 163 MB).
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8', '--expose-gc'];

/**
 * The environment both services run with, wherever they start (start scripts, the `npm start`
 * supervisor, the images, the benches).
 *
 * `MALLOC_ARENA_MAX=2`: glibc gives each thread that allocates (the libuv pool compressing
 * responses, V8's GC helpers, the checkpoint worker) an arena of its own, up to 8 per core, and
 * keeps their free pages. Backend RSS 3 s after start-up with 20 s of evaluate load to follow
 * (2026-12-07, Node 24.22.3, 2 cores at load average ~30): default 199.0 / 198.8 MB, two arenas
 * 193.7 / 188.2 MB; CPU per request within that run's noise.
 */
export const SERVICE_NODE_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };
