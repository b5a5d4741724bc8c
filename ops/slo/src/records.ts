/** Sloth's record names: the window in the name is the nominal one, whatever the time scale. */
export const errorRatioRecord = (window: string): string => `slo:sli_error:ratio_rate${window}`;
export const eventsRecord = (window: string): string => `slo:sli_events:increase${window}`;
export const OBJECTIVE_RECORD = 'slo:objective:ratio';
export const BUDGET_RECORD = 'slo:error_budget:ratio';
export const BURN_ALERT = 'ErrorBudgetBurn';
