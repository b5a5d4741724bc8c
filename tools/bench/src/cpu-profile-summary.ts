/**
 * Summary of a V8 .cpuprofile (`node --cpu-prof`): self time per package or node-internal module
 * and the top self-time frames, as markdown tables. Used by the pipeline profile and the stress
 * suite's capacity runs.
 */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Top self-time frames of a V8 .cpuprofile, and self time per package / node-internal module. */
export function summariseProfile(profile: CpuProfile, fromUs: number, top: number, root: string): string {
  const usPerSample = (profile.endTime - profile.startTime) / profile.samples.length;
  const hits = new Map<number, number>();
  // Timestamps are CLOCK_MONOTONIC µs, like process.hrtime here: boot and setup samples are left out.
  let t = profile.startTime;
  for (const [i, id] of profile.samples.entries()) {
    t += profile.timeDeltas[i];
    if (t >= fromUs) hits.set(id, (hits.get(id) ?? 0) + 1);
  }
  const frames = new Map<string, number>();
  const areas = new Map<string, number>();
  let busy = 0;
  for (const n of profile.nodes) {
    const h = hits.get(n.id) ?? 0;
    if (h === 0) continue;
    const { functionName, url, lineNumber } = n.callFrame;
    if (functionName === '(idle)') continue;
    busy += h;
    const file = url.replace(/^file:\/\//, '').replace(root + '/', '');
    frames.set(
      `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`,
      (frames.get(`${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`) ?? 0) + h,
    );
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
    const area =
      pkg ??
      (file.startsWith('node:')
        ? file.split('/')[0].replace(/^node:internal.*/, 'node:internal')
        : file === ''
          ? functionName
          : file.split('/').slice(0, 3).join('/'));
    areas.set(area, (areas.get(area) ?? 0) + h);
  }
  const pct = (h: number) => `${((100 * h) / busy).toFixed(1)} %`;
  const list = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, h]) => `| ${pct(h)} | ${name} |`)
      .join('\n');
  return `busy ${((busy * usPerSample) / 1e6).toFixed(1)} s of ${((profile.endTime - Math.max(fromUs, profile.startTime)) / 1e6).toFixed(1)} s measured\n\n| self | area |\n|---|---|\n${list(areas, 20)}\n\n| self | frame |\n|---|---|\n${list(frames, top)}`;
}
