/**
 * Splits one V8 CPU profile (`--cpu-prof`) of a process that served several configurations in
 * turns (the paired host) into per-configuration costs: each sample belongs to the slice whose
 * time window holds it, and a function's self time is divided by the requests that configuration
 * answered in its slices. Inside one process the configurations share heap, JIT and machine
 * state, so "tracing 10%" minus "off" per function shows where the added microseconds go, which
 * profiles of separate processes cannot (a process-wide state, e.g. slow nextTick allocation,
 * differs between processes by several µs per request).
 *
 * V8 stamps samples with its monotonic clock, the clock of process.hrtime in any process on the
 * same machine: the driver's slice windows (process.hrtime.bigint() / 1000) line up with them.
 */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** One slice: configuration `id` alone was loaded from t0 to t1 (µs, monotonic) and answered `requests`. */
export interface SliceWindow {
  id: string;
  t0: number;
  t1: number;
  requests: number;
}

export interface ConfigProfile {
  requests: number;
  /** Sampled non-idle time, µs. */
  busyUs: number;
  /** Self time per function (`name file:line`), µs. */
  selfUs: Map<string, number>;
  /** The same self time per module (the function's file, or its name for V8's own buckets), µs. */
  moduleUs: Map<string, number>;
}

const emptyProfile = (): ConfigProfile => ({ requests: 0, busyUs: 0, selfUs: new Map(), moduleUs: new Map() });
const addTo = (into: Map<string, number>, key: string, us: number) => into.set(key, (into.get(key) ?? 0) + us);

const IDLE = '(idle)';

/** What a sample is filed under: the function (`name path:line`) or, with byFile, its module. */
export function frameKey(frame: CpuProfile['nodes'][number]['callFrame'], byFile = false): string {
  const path = frame.url.replace(/^.*node_modules\//, 'nm/').replace(/^file:\/\/.*?\/(packages|services|tools)\//, '$1/');
  if (byFile) return path === '' ? frame.functionName : path;
  return `${frame.functionName || '(anonymous)'} ${path}:${frame.lineNumber}`;
}

/**
 * Attributes every non-idle sample that falls inside a window to that window's configuration, by
 * function and by module. A sample's weight is the time to the next sample (the interval it stands for).
 */
export function attributeProfile(profile: CpuProfile, windows: readonly SliceWindow[]): Map<string, ConfigProfile> {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const sorted = [...windows].sort((a, b) => a.t0 - b.t0);
  const out = new Map<string, ConfigProfile>();
  for (const w of windows) {
    const c = out.get(w.id) ?? emptyProfile();
    c.requests += w.requests;
    out.set(w.id, c);
  }
  let at = profile.startTime;
  let next = 0;
  for (let i = 0; i < profile.samples.length; i += 1) {
    at += profile.timeDeltas[i] ?? 0;
    while (next < sorted.length && sorted[next]!.t1 < at) next += 1;
    const window = sorted[next];
    if (window === undefined) break;
    if (at < window.t0) continue;
    const frame = frames.get(profile.samples[i]!);
    if (frame === undefined || frame.functionName === IDLE) continue;
    const weight = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    const c = out.get(window.id)!;
    c.busyUs += weight;
    addTo(c.selfUs, frameKey(frame), weight);
    addTo(c.moduleUs, frameKey(frame, true), weight);
  }
  return out;
}

/** Adds `from` into `into`, configuration by configuration (profiles of several hosts). */
export function addProfiles(into: Map<string, ConfigProfile>, from: Map<string, ConfigProfile>): void {
  for (const [id, c] of from) {
    const sum = into.get(id) ?? emptyProfile();
    sum.requests += c.requests;
    sum.busyUs += c.busyUs;
    for (const [key, us] of c.selfUs) addTo(sum.selfUs, key, us);
    for (const [key, us] of c.moduleUs) addTo(sum.moduleUs, key, us);
    into.set(id, sum);
  }
}

export interface FunctionDelta {
  key: string;
  /** µs per request in `other` minus in `base`. */
  addedUs: number;
  baseUs: number;
  otherUs: number;
}

/** Per-request self time of `other` against `base` by function (or module), largest absolute differences first. */
export function perRequestDeltas(base: ConfigProfile, other: ConfigProfile, by: 'selfUs' | 'moduleUs' = 'selfUs'): FunctionDelta[] {
  const perReq = (c: ConfigProfile, key: string) => (c.requests === 0 ? 0 : (c[by].get(key) ?? 0) / c.requests);
  const keys = new Set([...base[by].keys(), ...other[by].keys()]);
  return [...keys]
    .map((key) => ({ key, baseUs: perReq(base, key), otherUs: perReq(other, key), addedUs: perReq(other, key) - perReq(base, key) }))
    .sort((a, b) => Math.abs(b.addedUs) - Math.abs(a.addedUs));
}
