/**
 * The engine's input: a columnar table. Columns are typed arrays so that counting confusion cells
 * over millions of rows stays a tight loop (DESIGN §4: parsing dominates audit time, not math).
 *
 * Missing values: a categorical code of -1, a numeric NaN. Nothing else is "missing".
 */
export interface CategoricalColumn {
  readonly kind: 'categorical';
  /** One code per row, an index into `levels`; -1 means missing. */
  readonly codes: Int32Array;
  /** Distinct values in order of first appearance. */
  readonly levels: readonly string[];
}

export interface NumericColumn {
  readonly kind: 'numeric';
  /** One value per row; NaN means missing. */
  readonly values: Float64Array;
}

export type Column = CategoricalColumn | NumericColumn;

export interface Table {
  readonly rowCount: number;
  readonly columns: ReadonlyMap<string, Column>;
  /**
   * Header names that occur more than once in the source. Such a column is only an error when the
   * audit asks for it (the COMPAS file repeats `decile_score` and `priors_count`).
   */
  readonly duplicateNames?: ReadonlySet<string>;
}
