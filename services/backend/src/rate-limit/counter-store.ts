/** How many hits a key has in its running window, and how long that window still runs. */
export interface WindowCount {
  readonly count: number;
  /** Milliseconds until the window ends; 0 when none is running. */
  readonly ttlMs: number;
}

export const NO_WINDOW: WindowCount = Object.freeze({ count: 0, ttlMs: 0 });

/**
 * Fixed-window counters, the one primitive behind every limit (requests per principal, failed
 * authentications per address, failed logins and lockouts). A key's window starts with its first
 * hit and lasts the `windowMs` given then; the next hit after it ends starts a new one at 1.
 * In memory for one replica; on PostgreSQL so every replica counts in the same window.
 */
export interface CounterStore {
  /** Adds one hit to `key` and returns the count including it. */
  hit(key: string, windowMs: number): Promise<WindowCount>;
  /** The running window of `key`, unchanged; NO_WINDOW when none runs. */
  read(key: string): Promise<WindowCount>;
  /** Ends the window of `key` now (a successful login forgets its account's failures). */
  clear(key: string): Promise<void>;
  /** Stops background work (expired-row cleanup). */
  close(): Promise<void>;
}
