/**
 * @ethixai/pushdown/testing: "the report from counts equals the report from rows", as a check the
 * package's own tests, ai-core's and the backend's share.
 */
export { canonical, reportDifferences, type Tolerances } from './report-equality.ts';
