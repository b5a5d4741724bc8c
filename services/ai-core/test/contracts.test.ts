/**
 * The contract's AuditConfigSchema (what the backend validates and documents) and the engine's
 * AuditConfig (what ai-core hands to the engine) must describe the same thing. The type checks
 * fail `npm run typecheck` on drift; the runtime checks pin that a config the contract accepts is
 * one the engine accepts.
 */
import { Value } from '@sinclair/typebox/value';
import { AnalyzeRequestSchema, AuditConfigSchema, type AuditConfigBody } from '@ethixai/contracts';
import { validateAuditConfig, type AuditConfig } from '@ethixai/fairness';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { COLUMNS, CONFIG, ROWS } from './fixtures.ts';

const FULL: AuditConfigBody = {
  label: 'y',
  labelPositive: ['1'],
  prediction: 'p',
  predictionPositive: ['1'],
  score: 's',
  threshold: 0.5,
  weights: 'w',
  sensitive: ['g', 'h'],
  buckets: { age: [25, 45] },
  missingSensitive: 'drop',
  reference: { g: 'a' },
  referenceStrategy: 'best-off',
  features: ['f'],
  minGroupSize: 10,
  minDenominator: 5,
  confidence: 0.9,
  intervalMethod: 'jeffreys',
  policy: { disparateImpact: 0.8, fprDifference: null },
  geiAlpha: 2,
  seed: 7,
  calibrationBins: 10,
  intersection: false,
};

describe('contracts <-> engine', () => {
  it('AuditConfigSchema and AuditConfig are the same type', () => {
    expectTypeOf<AuditConfigBody>().toMatchTypeOf<AuditConfig>();
    expectTypeOf<AuditConfig>().toMatchTypeOf<AuditConfigBody>();
  });

  it('a configuration with every option passes both the contract and the engine', () => {
    expect(Value.Check(AuditConfigSchema, FULL)).toBe(true);
    expect(validateAuditConfig(structuredClone(FULL))).toEqual(FULL);
  });

  it('the analyze request schema accepts both data shapes the service accepts', () => {
    expect(Value.Check(AnalyzeRequestSchema, { config: CONFIG, data: { columns: COLUMNS } })).toBe(true);
    expect(Value.Check(AnalyzeRequestSchema, { config: CONFIG, data: { rows: ROWS } })).toBe(true);
    expect(Value.Check(AnalyzeRequestSchema, { config: CONFIG, data: { columns: COLUMNS, rows: ROWS } })).toBe(false);
  });
});
