SELECT
  "t"."g0" AS "g0",
  "t"."lv" AS "label_value",
  "t"."pv" AS "decision_value",
  "t"."s" AS "score_value",
  count(*) AS "n"
FROM (
  SELECT
    "g" AS "g0",
    CASE WHEN isnan(CAST("y" AS DOUBLE)) THEN NULL ELSE CAST("y" AS DOUBLE) END AS "lv",
    CASE WHEN isnan(CAST("s" AS DOUBLE)) THEN NULL ELSE CAST("s" AS DOUBLE) END AS "s",
    CASE WHEN CAST("s" AS DOUBLE) IS NULL OR isnan(CAST("s" AS DOUBLE)) THEN NULL WHEN CAST("s" AS DOUBLE) >= CAST(0.5 AS DOUBLE) THEN 1 ELSE 0 END AS "pv"
  FROM "analytics"."credit decisions"
) AS "t"
GROUP BY 1, 2, 3, 4
