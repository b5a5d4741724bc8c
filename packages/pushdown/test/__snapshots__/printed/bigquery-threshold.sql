SELECT
  `t`.`g0` AS `g0`,
  `t`.`lv` AS `label_value`,
  `t`.`pv` AS `decision_value`,
  `t`.`s` AS `score_value`,
  count(*) AS `n`
FROM (
  SELECT
    `g` AS `g0`,
    CASE WHEN IS_NAN(CAST(`y` AS FLOAT64)) THEN NULL ELSE CAST(`y` AS FLOAT64) END AS `lv`,
    CASE WHEN IS_NAN(CAST(`s` AS FLOAT64)) THEN NULL ELSE CAST(`s` AS FLOAT64) END AS `s`,
    CASE WHEN CAST(`s` AS FLOAT64) IS NULL OR IS_NAN(CAST(`s` AS FLOAT64)) THEN NULL WHEN CAST(`s` AS FLOAT64) >= CAST(0.5 AS FLOAT64) THEN 1 ELSE 0 END AS `pv`
  FROM `analytics`.`credit decisions`
) AS `t`
GROUP BY 1, 2, 3, 4
