import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import { Gauge, type Registry } from 'prom-client';
import { METRIC_EVENT_LOOP_UTILIZATION } from './names.ts';

/**
 * Event-loop utilisation (share of time the loop was busy) since the previous scrape: Node's best
 * single saturation signal, which prom-client 15.1.3 does not export. The first scrape reports the
 * share since the gauge was created.
 */
export function registerEventLoopUtilization(registry: Registry): Gauge {
  let previous: EventLoopUtilization = performance.eventLoopUtilization();
  return new Gauge({
    name: METRIC_EVENT_LOOP_UTILIZATION,
    help: 'Event loop utilisation (0-1) over the interval since the previous scrape.',
    registers: [registry],
    collect() {
      const current = performance.eventLoopUtilization();
      this.set(performance.eventLoopUtilization(current, previous).utilization);
      previous = current;
    },
  });
}
