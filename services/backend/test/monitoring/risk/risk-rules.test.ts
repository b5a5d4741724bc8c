import { describe, expect, it } from 'vitest';
import {
  assessRisk,
  effectivePrediction,
  levelOf,
  type GroupBreach,
  type LiveWindowView,
} from '../../../src/monitoring/risk/risk-rules.ts';
import { resolvePolicy } from '../../../src/monitoring/policies/policy-defaults.ts';

const policy = resolvePolicy(
  {
    sensitiveAttributes: ['sex'],
    requiredContextFields: ['channel', 'officer'],
    window: { spanSeconds: 86_400, bucketSeconds: 3_600, minDecisions: 10, minGroupSize: 5 },
  },
  1,
  0,
  'test',
);

function view(sizes: Record<string, number>, breaches: Record<string, GroupBreach[]> = {}): LiveWindowView {
  return { groupSize: (k) => sizes[k] ?? 0, breachesFor: (k) => breaches[k] ?? [] };
}
const known = view({ 'sex=F': 50, 'sex=M': 50 });
const ctx = { channel: 'web', officer: 'o-1' };

describe('risk rules (hand-computed)', () => {
  it('a plain decision in a known, passing group fires nothing: score 0, low', () => {
    const r = assessRisk({ sensitiveAttributes: { sex: 'F' }, prediction: 1, score: 0.7, context: ctx }, policy, known);
    expect(r).toEqual({ level: 'low', score: 0, rules: [], recommendedAction: 'No action: record the decision.' });
  });

  it('score 0.97 is in the extreme band: 25 -> medium', () => {
    const r = assessRisk({ sensitiveAttributes: { sex: 'F' }, score: 0.97, context: ctx }, policy, known);
    expect(r.score).toBe(25);
    expect(r.level).toBe('medium');
    expect(r.rules).toEqual([{ rule: 'score_extreme_band', points: 25, detail: 'score 0.97 outside (0.05, 0.95)' }]);
  });

  it('the band edges are inclusive: 0.05 and 0.95 fire, 0.0501 does not', () => {
    const at = (score: number) =>
      assessRisk({ sensitiveAttributes: { sex: 'F' }, score, context: ctx }, policy, known).score;
    expect([at(0.05), at(0.95), at(0.0501), at(0.9499)]).toEqual([25, 25, 0, 0]);
  });

  it('breach (50) + extreme band (25) + one missing context field (15) = 90 -> critical', () => {
    const breach: GroupBreach = { metric: 'disparate_impact', value: 0.6, threshold: 0.8, verdict: 'fail' };
    const w = view({ 'sex=F': 50, 'sex=M': 50 }, { 'sex=F': [breach] });
    const r = assessRisk(
      { sensitiveAttributes: { sex: 'F' }, prediction: 0, score: 0.02, context: { channel: 'web' } },
      policy,
      w,
    );
    expect(r.rules.map((x) => [x.rule, x.points])).toEqual([
      ['live_disparity_breach', 50],
      ['score_extreme_band', 25],
      ['missing_context_fields', 15],
    ]);
    expect(r.rules[0].detail).toBe('group sex=F: disparate_impact 0.6 vs threshold 0.8');
    expect(r.rules[2].detail).toBe('missing: officer');
    expect([r.score, r.level]).toEqual([90, 'critical']);
    expect(r.recommendedAction).toBe('Hold this decision for human review and investigate the model.');
  });

  it('the other group of a breached window is not flagged', () => {
    const w = view(
      { 'sex=F': 50, 'sex=M': 50 },
      { 'sex=F': [{ metric: 'disparate_impact', value: 0.6, threshold: 0.8, verdict: 'fail' }] },
    );
    expect(assessRisk({ sensitiveAttributes: { sex: 'M' }, prediction: 1, context: ctx }, policy, w).score).toBe(0);
  });

  it('a warn-only breach scores 20; fail wins over warn and is reported once', () => {
    const warn: GroupBreach = { metric: 'demographic_parity_difference', value: 0.15, threshold: 0.1, verdict: 'warn' };
    const fail: GroupBreach = { metric: 'disparate_impact', value: 0.5, threshold: 0.8, verdict: 'fail' };
    const onlyWarn = assessRisk(
      { sensitiveAttributes: { sex: 'F' }, prediction: 1, context: ctx },
      policy,
      view({ 'sex=F': 50 }, { 'sex=F': [warn] }),
    );
    expect(onlyWarn.rules.map((r) => r.rule)).toEqual(['live_disparity_warning']);
    expect([onlyWarn.score, onlyWarn.level]).toEqual([20, 'low']);
    const both = assessRisk(
      { sensitiveAttributes: { sex: 'F' }, prediction: 1, context: ctx },
      policy,
      view({ 'sex=F': 50 }, { 'sex=F': [warn, fail] }),
    );
    expect(both.rules.map((r) => [r.rule, r.points])).toEqual([['live_disparity_breach', 50]]);
    expect(both.level).toBe('high');
  });

  it('missing sensitive attribute (20) + its unknown group (10) = 30 -> medium', () => {
    const r = assessRisk({ sensitiveAttributes: { sex: null }, prediction: 1, context: ctx }, policy, known);
    expect(r.rules.map((x) => [x.rule, x.points, x.detail])).toEqual([
      ['sensitive_attribute_missing', 20, 'missing: sex'],
      ['unknown_group', 10, 'group sex=(missing) has 0 decisions in the window, fewer than 5'],
    ]);
    expect([r.score, r.level]).toEqual([30, 'medium']);
  });

  it('prediction 0 with score 0.8 >= threshold 0.5 is a mismatch (15); 4 of 5 needed decisions is unknown (10)', () => {
    const r = assessRisk(
      { sensitiveAttributes: { sex: 'X' }, prediction: 0, score: 0.8, context: ctx },
      policy,
      view({ 'sex=X': 4 }),
    );
    expect(r.rules.map((x) => [x.rule, x.points])).toEqual([
      ['prediction_score_mismatch', 15],
      ['unknown_group', 10],
    ]);
    expect([r.score, r.level]).toEqual([25, 'medium']);
  });

  it('every rule at once is capped at 100', () => {
    const w = view(
      {},
      { 'sex=(missing)': [{ metric: 'disparate_impact', value: 0.1, threshold: 0.8, verdict: 'fail' }] },
    );
    const r = assessRisk({ sensitiveAttributes: {}, prediction: 0, score: 0.99 }, policy, w);
    expect(r.rules.reduce((s, x) => s + x.points, 0)).toBe(50 + 25 + 20 + 15 + 15 + 10);
    expect([r.score, r.level]).toEqual([100, 'critical']);
  });

  it('levels: 24 low, 25 medium, 49 medium, 50 high, 74 high, 75 critical', () => {
    expect([24, 25, 49, 50, 74, 75].map(levelOf)).toEqual(['low', 'medium', 'medium', 'high', 'high', 'critical']);
  });

  it('effective prediction: as submitted, else score >= decision threshold', () => {
    expect(effectivePrediction({ sensitiveAttributes: {}, prediction: 0, score: 0.9 }, policy)).toBe(0);
    expect(effectivePrediction({ sensitiveAttributes: {}, score: 0.5 }, policy)).toBe(1);
    expect(effectivePrediction({ sensitiveAttributes: {}, score: 0.4999 }, policy)).toBe(0);
  });
});
