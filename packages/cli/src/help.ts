/** Help texts. Kept next to the flags they describe (args.ts) and in docs/cli.md. */
import { POLICY_FLAG_NAMES } from './config-values.ts';

export const MAIN_HELP = `ethixai — fairness audits from the command line

Usage:
  ethixai audit FILE.csv --label COL (--prediction COL --positive V | --score COL --threshold T) --sensitive COL [options]
  ethixai audit FILE.parquet|'DIR/*.parquet' ...           counted by embedded DuckDB (any size)
  ethixai audit FILE.csv --engine duckdb ...                a CSV counted by DuckDB, in bounded memory
  ethixai audit --source postgres://… --table NAME ...      counted in PostgreSQL; only the counts leave it
  ethixai audit --counts counts.json ...                    the counts a warehouse job sent
  ethixai sql --dialect trino|spark|bigquery --table NAME ... prints the counting query for your cluster
  ethixai audit --help     all audit options
  ethixai sql --help       all sql options
  ethixai --version

Exit codes: 0 ok · 1 a verdict failed under --fail-on-violation · 2 bad usage or bad input · 3 internal error
· 4 the database failed (unreachable, refused, query failed)
`;

export const AUDIT_HELP = `ethixai audit FILE.csv [options]     (FILE "-" reads standard input)

Audits a model's decisions in a CSV for group fairness: per-group confusion counts and rates with
intervals, comparisons, significance tests, verdicts against a policy and a risk class.

Input
  --label COL                 column with the true outcome (required)
  --label-positive V[,V]      label values that count as positive (default: 1/true/yes of a binary column)
  --prediction COL            column with the model's decision
  --positive V[,V]            prediction values that count as a positive decision
  --score COL                 numeric score column (AUC, calibration; the decision when no --prediction)
  --threshold T               score ≥ T is a positive decision (with --score, without --prediction)
  --weights COL               sample weights: 0 or in [1e-100, 1e100] (other rows are excluded)
  --sensitive COL[,COL]       protected attribute(s); several are also audited in intersection (required)
  --buckets COL=E1,E2         bucket edges for a numeric sensitive column: (< E1), [E1, E2), (≥ E2); repeatable
  --missing-sensitive P       group (own "(missing)" group, default) | drop | error
  --features COL,...          feature columns: drivers of the decisions and proxies of the attributes
  --delimiter C               field delimiter (default ",")

Where the data lives (docs/warehouse.md)
  FILE.parquet, 'DIR/*.parquet'  Parquet files are counted by embedded DuckDB
  --engine duckdb             count a CSV with DuckDB instead of reading it here (memory stays bounded)
  --source URL --table NAME   count in PostgreSQL: postgres://user:password@host:port/database, NAME or SCHEMA.NAME
  --where COLUMN=VALUE        only rows whose COLUMN equals VALUE (bound as a parameter); repeatable
  --counts FILE.json          the report from a counts document (the result of ethixai sql's query)
  --score-bins N|exact        at least N score bins for AUC and calibration (default 1000), or distinct scores
  --sample-rows N             rows sampled for drivers and proxies (default 50000)
  --save-counts FILE.json     also write the counts document of this run
  --threads N, --memory-limit SIZE   DuckDB's threads and memory limit (default 512MB; it spills beyond)

Comparisons and statistics
  --reference COL=VALUE       reference group of a sensitive column; repeatable
  --reference-strategy S      largest (default) | best-off, when no --reference is given
  --min-group-size N          groups under N rows are small cells (default 30)
  --min-denominator N         rates with a denominator under N are small cells (default 10)
  --confidence C              interval level; significance is 1 − C (default 0.95)
  --interval-method M         wilson (default) | clopper-pearson (exact) | jeffreys: intervals of rates and differences
  --gei-alpha A               alpha of the generalized entropy index (default 2)
  --calibration-bins N        calibration bins with a score (default 10)
  --seed N                    seed of the randomised steps (drivers; default 0)
  --no-intersection           do not audit the intersection of several sensitive columns

Policy
  --policy NAME=VALUE         threshold, or "off" for no verdict; repeatable. Names:
                              ${POLICY_FLAG_NAMES.join(', ')}
                              (defaults: demographic-parity-difference 0.10, disparate-impact 0.80,
                              equal-opportunity-difference 0.05; the others off)

Output and gate
  --format F                  table (default) | json (the full result) | html (self-contained page)
  --out FILE                  write the report to FILE instead of standard output
  --fail-on-violation         exit 1 when any verdict is fail
  --strict                    exit 1 also when a verdict is warn (implies --fail-on-violation)
  --config FILE.json          audit options as JSON (the engine's AuditConfig); flags override it
  -h, --help                  this help

Example (ProPublica COMPAS):
  ethixai audit compas-scores-two-years.csv --label two_year_recid --label-positive 1 \\
    --prediction score_text --positive Medium,High --sensitive race,sex --fail-on-violation

Exit codes: 0 ok · 1 a verdict failed under --fail-on-violation · 2 bad usage or bad input
(message names the column or line) · 3 internal error · 4 the database failed (unreachable, refused, query failed)
`;
