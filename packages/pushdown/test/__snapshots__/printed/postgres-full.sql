SELECT
  "t"."g0" AS "g0",
  "t"."g1" AS "g1",
  "t"."lv" AS "label_value",
  "t"."pv" AS "decision_value",
  "b"."b" AS "score_bin",
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
    CASE WHEN CAST("age" AS DOUBLE PRECISION) IS NULL OR (CAST("age" AS DOUBLE PRECISION) = CAST('NaN' AS DOUBLE PRECISION)) THEN NULL WHEN CAST("age" AS DOUBLE PRECISION) < CAST(25 AS DOUBLE PRECISION) THEN 0 WHEN CAST("age" AS DOUBLE PRECISION) < CAST(45.5 AS DOUBLE PRECISION) THEN 1 ELSE 2 END AS "g1",
    "defaulted" AS "lv",
    "decision" AS "pv",
    CASE WHEN (CAST("risk score" AS DOUBLE PRECISION) = CAST('NaN' AS DOUBLE PRECISION)) THEN NULL ELSE CAST("risk score" AS DOUBLE PRECISION) END AS "s",
    CASE WHEN CAST("w" AS DOUBLE PRECISION) = 0 OR (CAST("w" AS DOUBLE PRECISION) >= CAST(1e-100 AS DOUBLE PRECISION) AND CAST("w" AS DOUBLE PRECISION) <= CAST(1e+100 AS DOUBLE PRECISION)) THEN CAST("w" AS DOUBLE PRECISION) END AS "wv"
  FROM "analytics"."credit decisions"
  WHERE "region" = 'O''Brien \ north'
    AND CAST("year" AS DOUBLE PRECISION) = CAST(2024 AS DOUBLE PRECISION)
) AS "t"
CROSS JOIN (
  SELECT "q"."lo" AS "lo", "q"."hi" AS "hi", CASE WHEN "q"."hi" > "q"."lo" THEN (CAST(10 AS DOUBLE PRECISION) / ("q"."hi" - "q"."lo")) * CAST(128 AS DOUBLE PRECISION) ELSE CAST(0 AS DOUBLE PRECISION) END AS "fs"
  FROM (
    SELECT
      CASE WHEN "m"."lo0" >= 0 AND "m"."hi0" <= 1 THEN CAST(0 AS DOUBLE PRECISION) ELSE "m"."lo0" END AS "lo",
      CASE WHEN "m"."lo0" >= 0 AND "m"."hi0" <= 1 THEN CAST(1 AS DOUBLE PRECISION) ELSE "m"."hi0" END AS "hi"
    FROM (
      SELECT min("t"."s") AS "lo0", max("t"."s") AS "hi0"
      FROM (
        SELECT
          "sex" AS "g0",
          CASE WHEN CAST("age" AS DOUBLE PRECISION) IS NULL OR (CAST("age" AS DOUBLE PRECISION) = CAST('NaN' AS DOUBLE PRECISION)) THEN NULL WHEN CAST("age" AS DOUBLE PRECISION) < CAST(25 AS DOUBLE PRECISION) THEN 0 WHEN CAST("age" AS DOUBLE PRECISION) < CAST(45.5 AS DOUBLE PRECISION) THEN 1 ELSE 2 END AS "g1",
          "defaulted" AS "lv",
          "decision" AS "pv",
          CASE WHEN (CAST("risk score" AS DOUBLE PRECISION) = CAST('NaN' AS DOUBLE PRECISION)) THEN NULL ELSE CAST("risk score" AS DOUBLE PRECISION) END AS "s",
          CASE WHEN CAST("w" AS DOUBLE PRECISION) = 0 OR (CAST("w" AS DOUBLE PRECISION) >= CAST(1e-100 AS DOUBLE PRECISION) AND CAST("w" AS DOUBLE PRECISION) <= CAST(1e+100 AS DOUBLE PRECISION)) THEN CAST("w" AS DOUBLE PRECISION) END AS "wv"
        FROM "analytics"."credit decisions"
        WHERE "region" = 'O''Brien \ north'
          AND CAST("year" AS DOUBLE PRECISION) = CAST(2024 AS DOUBLE PRECISION)
      ) AS "t"
      WHERE "t"."s" IS NOT NULL AND "t"."lv" IS NOT NULL AND "t"."pv" IS NOT NULL AND "t"."wv" IS NOT NULL
    ) AS "m"
  ) AS "q"
) AS "r"
LEFT JOIN generate_series(0, 1279) AS "b"
  ON "b"."b" = CAST(LEAST(1279, GREATEST(0, FLOOR(("t"."s" - "r"."lo") * "r"."fs"))) AS INTEGER)
GROUP BY 1, 2, 3, 4, 5
