/**
 * Issue 17, "Must show": the fuzz campaign in CI, with a fixed seed and 50 bad requests per route
 * of both services' OpenAPI documents, plus the raw-socket cases. `npm run fuzz` runs 10,000
 * (FUZZ_CASES, FUZZ_SEED to replay). What it asserts: tools/fuzz/src/fuzz-run.ts.
 */
import { expect, it } from 'vitest';
import { runFuzz } from '../src/fuzz-run.ts';

const SEED = 17;
const CASES_PER_ROUTE = 50;

it(`every route of both services, ${CASES_PER_ROUTE} bad requests each (seed ${SEED}): no 5xx, the error body and security headers, the victim untouched, the circuit closed`, async () => {
  const report = await runFuzz({ seed: SEED, casesPerRoute: CASES_PER_ROUTE });
  expect(report.failures).toEqual([]);
  expect(report.routes).toBeGreaterThanOrEqual(40);
  expect(report.cases).toBe(report.routes * CASES_PER_ROUTE);
  expect(report.rawCases).toBe(18);
}, 120_000);
