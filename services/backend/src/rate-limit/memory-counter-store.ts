import { LRUCache } from 'lru-cache';
import { NO_WINDOW, type CounterStore, type WindowCount } from './counter-store.ts';

interface Window {
  count: number;
  resetAt: number;
}

/**
 * Counters in this process: exact for ONE replica (with N replicas each would count alone). At most
 * `maxKeys` keys are kept; the least recently used is forgotten first, which only ever lets a
 * caller start a fresh window early.
 */
export function createMemoryCounterStore(maxKeys = 50_000, now: () => number = Date.now): CounterStore {
  const windows = new LRUCache<string, Window>({ max: maxKeys });
  const running = (key: string, at: number): Window | undefined => {
    const window = windows.get(key);
    return window !== undefined && window.resetAt > at ? window : undefined;
  };
  const view = (window: Window, at: number): WindowCount => ({ count: window.count, ttlMs: window.resetAt - at });
  return {
    async hit(key, windowMs) {
      const at = now();
      const window = running(key, at);
      if (window !== undefined) {
        window.count += 1;
        return view(window, at);
      }
      const fresh = { count: 1, resetAt: at + windowMs };
      windows.set(key, fresh);
      return view(fresh, at);
    },
    async read(key) {
      const at = now();
      const window = running(key, at);
      return window === undefined ? NO_WINDOW : view(window, at);
    },
    async clear(key) {
      windows.delete(key);
    },
    async close() {},
  };
}
