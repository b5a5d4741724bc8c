/** One thing wrong with the configuration: the variable (or file) at fault and what is wrong with it. */
export interface ConfigProblem {
  readonly name: string;
  readonly problem: string;
}

/**
 * The configuration cannot be used. It lists every problem found, each as `NAME: problem`, on one
 * line, so an operator fixes them all in one go; the bootstrap prints that line and exits 78
 * (EX_CONFIG) without a stack trace, since the fix is the operator's, not the code's.
 */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(problems: ConfigProblem | readonly ConfigProblem[]) {
    const list = Object.freeze(Array.isArray(problems) ? [...problems] : [problems as ConfigProblem]);
    super(`Invalid configuration: ${list.map((p) => `${p.name}: ${p.problem}`).join('; ')}`);
    this.name = 'ConfigError';
    this.problems = list;
  }
}
