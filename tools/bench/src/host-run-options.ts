/** The options the per-host benches share (--hosts, --slices, --seconds, --stack-warmup), checked. */
export interface HostRunOptions {
  hosts: number;
  slices: number;
  seconds: number;
  stackWarmup: number;
}

export function checkHostRunOptions(opt: { hosts: string; slices: string; seconds: string; 'stack-warmup': string }): HostRunOptions {
  const [hosts, slices, seconds, stackWarmup] = [Number(opt.hosts), Number(opt.slices), Number(opt.seconds), Number(opt['stack-warmup'])];
  if (!(Number.isInteger(hosts) && hosts >= 1 && hosts <= 20)) throw new Error(`--hosts must be a whole number from 1 to 20, got ${opt.hosts}`);
  if (!(Number.isInteger(slices) && slices >= 1)) throw new Error(`--slices must be a whole number >= 1, got ${opt.slices}`);
  if (!(seconds > 0 && seconds <= 60)) throw new Error(`--seconds must be in (0, 60], got ${opt.seconds}`);
  if (!(stackWarmup > 0 && stackWarmup <= 600)) throw new Error(`--stack-warmup must be in (0, 600], got ${opt['stack-warmup']}`);
  return { hosts, slices, seconds, stackWarmup };
}
