/** Lifecycle flag read by /ready: set it when draining starts so load balancers stop routing here. */
export interface HealthState {
  readonly shuttingDown: boolean;
  markShuttingDown(): void;
}

export function createHealthState(): HealthState {
  let shuttingDown = false;
  return {
    get shuttingDown() {
      return shuttingDown;
    },
    markShuttingDown() {
      shuttingDown = true;
    },
  };
}

/** Resolves `work`, or rejects with a timeout error after `ms` (a hung probe must not hang the probe route). */
export async function withTimeout<T>(work: () => Promise<T> | T, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([Promise.resolve().then(work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
