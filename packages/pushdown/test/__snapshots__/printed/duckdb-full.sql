SELECT
  "t"."g0" AS "g0",
  "t"."g1" AS "g1",
  "t"."lv" AS "label_value",
  "t"."pv" AS "decision_value",
  CASE WHEN "t"."s" IS NULL THEN NULL ELSE CAST(LEAST(1279, GREATEST(0, FLOOR(("t"."s" - "r"."lo") * "r"."fs"))) AS INTEGER) END AS "score_bin",
  count(*) AS "n",
  count("t"."wv") AS "n_weighted",
  sum("t"."wv") AS "w",
  sum("t"."wv" * "t"."wv") AS "w2",
  min("r"."lo") AS "score_lo",
  min("r"."hi") AS "score_hi",
  sum("t"."wv" * "t"."s") AS "ws",
  min(CASE WHEN "t"."wv" IS NOT NULL THEN "t"."s" END) AS "score_min",
  max(CASE WHEN "t"."wv" IS NOT NULL THEN "t"."s" END) AS "score_max"
FROM (
  SELECT
    "sex" AS "g0",
    CASE WHEN CAST("age" AS DOUBLE) IS NULL OR isnan(CAST("age" AS DOUBLE)) THEN NULL WHEN CAST("age" AS DOUBLE) < CAST(25 AS DOUBLE) THEN 0 WHEN CAST("age" AS DOUBLE) < CAST(45.5 AS DOUBLE) THEN 1 ELSE 2 END AS "g1",
    "defaulted" AS "lv",
    "decision" AS "pv",
    CASE WHEN isnan(CAST("risk score" AS DOUBLE)) THEN NULL ELSE CAST("risk score" AS DOUBLE) END AS "s",
    CASE WHEN CAST("w" AS DOUBLE) = 0 OR (CAST("w" AS DOUBLE) >= CAST(1e-100 AS DOUBLE) AND CAST("w" AS DOUBLE) <= CAST(1e+100 AS DOUBLE)) THEN CAST("w" AS DOUBLE) END AS "wv"
  FROM "analytics"."credit decisions"
  WHERE "region" = 'O''Brien \ north'
    AND CAST("year" AS DOUBLE) = CAST(2024 AS DOUBLE)
) AS "t"
CROSS JOIN (
  SELECT "q"."lo" AS "lo", "q"."hi" AS "hi", CASE WHEN "q"."hi" > "q"."lo" THEN (CAST(10 AS DOUBLE) / ("q"."hi" - "q"."lo")) * CAST(128 AS DOUBLE) ELSE CAST(0 AS DOUBLE) END AS "fs"
  FROM (
    SELECT
      CASE WHEN "m"."lo0" >= 0 AND "m"."hi0" <= 1 THEN CAST(0 AS DOUBLE) ELSE "m"."lo0" END AS "lo",
      CASE WHEN "m"."lo0" >= 0 AND "m"."hi0" <= 1 THEN CAST(1 AS DOUBLE) ELSE "m"."hi0" END AS "hi"
    FROM (
      SELECT min("t"."s") AS "lo0", max("t"."s") AS "hi0"
      FROM (
        SELECT
          "sex" AS "g0",
          CASE WHEN CAST("age" AS DOUBLE) IS NULL OR isnan(CAST("age" AS DOUBLE)) THEN NULL WHEN CAST("age" AS DOUBLE) < CAST(25 AS DOUBLE) THEN 0 WHEN CAST("age" AS DOUBLE) < CAST(45.5 AS DOUBLE) THEN 1 ELSE 2 END AS "g1",
          "defaulted" AS "lv",
          "decision" AS "pv",
          CASE WHEN isnan(CAST("risk score" AS DOUBLE)) THEN NULL ELSE CAST("risk score" AS DOUBLE) END AS "s",
          CASE WHEN CAST("w" AS DOUBLE) = 0 OR (CAST("w" AS DOUBLE) >= CAST(1e-100 AS DOUBLE) AND CAST("w" AS DOUBLE) <= CAST(1e+100 AS DOUBLE)) THEN CAST("w" AS DOUBLE) END AS "wv"
        FROM "analytics"."credit decisions"
        WHERE "region" = 'O''Brien \ north'
          AND CAST("year" AS DOUBLE) = CAST(2024 AS DOUBLE)
      ) AS "t"
      WHERE "t"."s" IS NOT NULL AND "t"."lv" IS NOT NULL AND "t"."pv" IS NOT NULL AND "t"."wv" IS NOT NULL
    ) AS "m"
  ) AS "q"
) AS "r"
GROUP BY 1, 2, 3, 4, 5
