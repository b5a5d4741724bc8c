/** Help of `ethixai sql` (kept next to its flags; docs/warehouse.md shows it at work). */
export const SQL_HELP = `ethixai sql --dialect DIALECT --table NAME --label COL (--prediction COL | --score COL --threshold T) --sensitive COL [options]

Prints the counting query of an audit for another engine's console: one GROUP BY that returns per-group
counts (and score bins), every value inlined as an escaped literal, every identifier quoted. Run it
where the data lives and send its result as a counts document (docs/warehouse.md).

  --dialect D                 trino | spark | bigquery (also postgres, duckdb)
  --table NAME                the table: NAME, SCHEMA.NAME or PROJECT.DATASET.NAME
  --label, --prediction, --score, --threshold, --weights, --sensitive, --buckets, --missing-sensitive
                              as for ethixai audit (positive values are applied to the result, not the query)
  --where COLUMN=VALUE        keep rows whose COLUMN equals VALUE (compared as text unless --numeric); repeatable
  --numeric COL[,COL]         these label, decision, group or filter columns are numeric in the table
  --score-bins N|exact        at least N score bins (default 1000), or group by distinct score
  --calibration-bins N        calibration bins (default 10); score bins are a power-of-two multiple of them
  --features COL,...          also print a sample query for drivers and proxies
  --sample-rows N             rows of that sample (default 50000)
  --sample-percent P          share of rows the sample draws (default 1)
  --format sql|json           the SQL (default), or {query, sql, sample}: the specification a counts document carries
  -h, --help                  this help
`;
