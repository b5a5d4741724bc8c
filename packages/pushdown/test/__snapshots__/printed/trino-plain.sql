SELECT
  "t"."g0" AS "g0",
  "t"."g1" AS "g1",
  "t"."lv" AS "label_value",
  "t"."pv" AS "decision_value",
  count(*) AS "n"
FROM (
  SELECT
    "g" AS "g0",
    CAST("h" AS VARCHAR) AS "g1",
    "y" AS "lv",
    "p" AS "pv"
  FROM "analytics"."credit decisions"
) AS "t"
GROUP BY 1, 2, 3, 4
