import { useEffect, useMemo, useState } from 'preact/hooks';
import { errorOf } from '../api/client.ts';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { useApi } from '../components/use-api.ts';
import { checkForm, emptyForm, suggestPositive, type AnalysisForm, type FormErrors } from '../logic/analysis-form.ts';
import { count } from '../logic/format.ts';
import type { ColumnProfile, Dataset, DatasetDetail, Job, Page, Report } from '../logic/types.ts';
import { navigate } from '../router.ts';
import { useSession } from '../session-context.ts';

/** Datasets above this many rows run as a job with a progress bar rather than in the request. */
const ASYNC_ROWS = 50_000;

function FieldError({ id, errors, field }: { id: string; errors: FormErrors; field: keyof FormErrors }) {
  const message = errors[field];
  return message ? (
    <p id={id} class="field-error">
      {message}
    </p>
  ) : null;
}

function ColumnSelect(props: {
  id: string;
  label: string;
  value: string;
  columns: ColumnProfile[];
  onChange: (v: string) => void;
  error?: string;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${props.id}-error` : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <option value="">Choose a column…</option>
        {props.columns.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name} ({c.type}
            {c.distinct !== null ? `, ${c.distinct} values` : ''})
          </option>
        ))}
      </select>
      {props.error && (
        <p id={`${props.id}-error`} class="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}

function ValuePicker(props: {
  id: string;
  legend: string;
  profile: ColumnProfile | undefined;
  selected: string[];
  onChange: (v: string[]) => void;
  error?: string;
}) {
  const values = props.profile?.values;
  if (!props.profile) return null;
  if (values === null || values === undefined) {
    return (
      <div class="field">
        <label for={props.id}>{props.legend} (comma-separated)</label>
        <input
          id={props.id}
          type="text"
          value={props.selected.join(',')}
          onInput={(e) =>
            props.onChange(
              e.currentTarget.value
                .split(',')
                .map((v) => v.trim())
                .filter(Boolean),
            )
          }
        />
        {props.error && <p class="field-error">{props.error}</p>}
      </div>
    );
  }
  return (
    <fieldset class="field" aria-describedby={props.error ? `${props.id}-error` : undefined}>
      <legend>{props.legend}</legend>
      <div class="choices">
        {values.slice(0, 50).map((v, i) => (
          <label key={v.value} class="choice">
            <input
              type="checkbox"
              id={`${props.id}-${i}`}
              checked={props.selected.includes(v.value)}
              onChange={(e) =>
                props.onChange(
                  e.currentTarget.checked ? [...props.selected, v.value] : props.selected.filter((s) => s !== v.value),
                )
              }
            />
            {v.value} <span class="muted">({count(v.count)})</span>
          </label>
        ))}
      </div>
      {props.error && (
        <p id={`${props.id}-error`} class="field-error">
          {props.error}
        </p>
      )}
    </fieldset>
  );
}

function initialDataset(): string {
  return new URLSearchParams(location.search).get('dataset') ?? '';
}

export function NewAnalysis() {
  const session = useSession();
  const datasets = useApi<Page<Dataset>>('/v1/datasets?limit=200');
  const [form, setForm] = useState<AnalysisForm>(() => emptyForm(initialDataset()));
  const detail = useApi<DatasetDetail>(
    form.datasetId === '' ? null : `/v1/datasets/${encodeURIComponent(form.datasetId)}`,
  );
  const [errors, setErrors] = useState<FormErrors>({});
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // A name the header repeats cannot be audited (the engine refuses it as ambiguous): not offered.
  const profiles: ColumnProfile[] = useMemo(() => {
    const columns = detail.data?.columns ?? [];
    const repeated = new Set(columns.filter((name, i) => columns.indexOf(name) !== i));
    const all =
      detail.data?.profile ??
      columns.map((name) => ({
        name,
        type: 'categorical' as const,
        missing: 0,
        distinct: null,
        values: null,
        min: null,
        max: null,
      }));
    return all.filter((p) => !repeated.has(p.name));
  }, [detail.data]);
  const byName = new Map(profiles.map((p) => [p.name, p]));
  const decision = form.mode === 'prediction' ? form.prediction : form.score;
  const groupable = profiles.filter((p) => p.values !== null && p.name !== form.label && p.name !== decision);
  const featureChoices = profiles.filter(
    (p) => p.name !== form.label && p.name !== decision && !form.sensitive.includes(p.name) && p.type !== 'empty',
  );

  const set = (patch: Partial<AnalysisForm>) => setForm((f) => ({ ...f, ...patch }));
  useEffect(() => setErrors({}), [form.datasetId]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setSubmitError(null);
    const checked = checkForm(form, detail.data?.profile ?? []);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const big = (detail.data?.rows ?? 0) > ASYNC_ROWS;
      const res = await session.request('/v1/analyses', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(big ? { prefer: 'respond-async' } : {}) },
        body: JSON.stringify({ datasetId: form.datasetId, config: checked.config }),
      });
      if (res.status === 201) navigate(`/reports/${((await res.json()) as Report).id}`);
      else if (res.status === 202) navigate(`/jobs/${((await res.json()) as Job).id}`);
      else setSubmitError(await errorOf(res));
    } catch (e) {
      setSubmitError(e);
    } finally {
      setBusy(false);
    }
  };

  const errorCount = Object.keys(errors).length;
  return (
    <section>
      <h1 tabIndex={-1}>New analysis</h1>
      <form class="stack wide" onSubmit={submit} noValidate>
        {errorCount > 0 && (
          <p class="error" role="alert">
            Please correct {errorCount === 1 ? 'one field' : `${errorCount} fields`} below before running the analysis.
          </p>
        )}
        <div class="field">
          <label for="dataset">Dataset</label>
          <select
            id="dataset"
            value={form.datasetId}
            onChange={(e) => setForm(emptyForm(e.currentTarget.value))}
            aria-describedby={errors.datasetId ? 'dataset-error' : undefined}
          >
            <option value="">Choose a dataset…</option>
            {datasets.data?.items.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} ({count(d.rows)} rows)
              </option>
            ))}
          </select>
          <FieldError id="dataset-error" errors={errors} field="datasetId" />
        </div>
        {detail.loading && <Loading what="the dataset's columns" />}
        <ErrorMessage error={detail.error} />
        {detail.data && (
          <>
            <fieldset class="card">
              <legend>True outcome</legend>
              <ColumnSelect
                id="label"
                label="Outcome column"
                value={form.label}
                columns={profiles}
                error={errors.label}
                onChange={(label) => set({ label, labelPositive: suggestPositive(byName.get(label)) })}
              />
              <ValuePicker
                id="label-positive"
                legend="Positive outcome value"
                profile={byName.get(form.label)}
                selected={form.labelPositive}
                onChange={(labelPositive) => set({ labelPositive })}
                error={errors.labelPositive}
              />
            </fieldset>
            <fieldset class="card">
              <legend>Model decision</legend>
              <div class="choices" role="radiogroup" aria-label="Decision kind">
                <label class="choice">
                  <input
                    type="radio"
                    name="mode"
                    checked={form.mode === 'prediction'}
                    onChange={() => set({ mode: 'prediction' })}
                  />{' '}
                  A decision column
                </label>
                <label class="choice">
                  <input
                    type="radio"
                    name="mode"
                    checked={form.mode === 'score'}
                    onChange={() => set({ mode: 'score' })}
                  />{' '}
                  A score and a threshold
                </label>
              </div>
              {form.mode === 'prediction' ? (
                <>
                  <ColumnSelect
                    id="prediction"
                    label="Decision column"
                    value={form.prediction}
                    columns={profiles}
                    error={errors.prediction}
                    onChange={(prediction) =>
                      set({ prediction, predictionPositive: suggestPositive(byName.get(prediction)) })
                    }
                  />
                  <ValuePicker
                    id="prediction-positive"
                    legend="Favourable decision values"
                    profile={byName.get(form.prediction)}
                    selected={form.predictionPositive}
                    onChange={(predictionPositive) => set({ predictionPositive })}
                    error={errors.predictionPositive}
                  />
                </>
              ) : (
                <>
                  <ColumnSelect
                    id="score"
                    label="Score column"
                    value={form.score}
                    columns={profiles.filter((p) => p.type === 'numeric')}
                    error={errors.score}
                    onChange={(score) => set({ score })}
                  />
                  <div class="field">
                    <label for="threshold">Threshold (a score at or above it is a favourable decision)</label>
                    <input
                      id="threshold"
                      type="number"
                      step="any"
                      value={form.threshold}
                      onInput={(e) => set({ threshold: e.currentTarget.value })}
                      aria-describedby={errors.threshold ? 'threshold-error' : undefined}
                      aria-invalid={errors.threshold ? true : undefined}
                    />
                    {byName.get(form.score)?.min !== undefined && byName.get(form.score)?.min !== null && (
                      <span class="muted">
                        Range: {byName.get(form.score)!.min} to {byName.get(form.score)!.max}
                      </span>
                    )}
                    <FieldError id="threshold-error" errors={errors} field="threshold" />
                  </div>
                </>
              )}
            </fieldset>
            <fieldset class="card" aria-describedby={errors.sensitive ? 'sensitive-error' : undefined}>
              <legend>Sensitive attributes and reference groups</legend>
              <p class="muted">
                Columns with at most 200 distinct values. The reference group is what other groups are compared with; by
                default the largest group (the most-selected one for the four-fifths rule).
              </p>
              {groupable.map((p) => {
                const on = form.sensitive.includes(p.name);
                return (
                  <div key={p.name} class="sensitive-row">
                    <label class="choice">
                      <input
                        type="checkbox"
                        checked={on}
                        onChange={(e) =>
                          set({
                            sensitive: e.currentTarget.checked
                              ? [...form.sensitive, p.name]
                              : form.sensitive.filter((s) => s !== p.name),
                          })
                        }
                      />
                      {p.name} <span class="muted">({p.distinct} values)</span>
                    </label>
                    {on && (
                      <span>
                        <label for={`ref-${p.name}`} class="inline">
                          Reference group for {p.name}
                        </label>
                        <select
                          id={`ref-${p.name}`}
                          value={form.reference[p.name] ?? ''}
                          onChange={(e) => set({ reference: { ...form.reference, [p.name]: e.currentTarget.value } })}
                        >
                          <option value="">Default (chosen by the engine)</option>
                          {p.values!.map((v) => (
                            <option key={v.value} value={v.value}>
                              {v.value} ({count(v.count)})
                            </option>
                          ))}
                        </select>
                      </span>
                    )}
                  </div>
                );
              })}
              <FieldError id="sensitive-error" errors={errors} field="sensitive" />
              <FieldError id="reference-error" errors={errors} field="reference" />
            </fieldset>
            <fieldset class="card">
              <legend>Features for drivers and proxies (optional)</legend>
              <p class="muted">
                The model's input features: the report then shows what drives the decisions and which features stand in
                for a sensitive attribute.
              </p>
              <div class="choices">
                {featureChoices.map((p) => (
                  <label key={p.name} class="choice">
                    <input
                      type="checkbox"
                      checked={form.features.includes(p.name)}
                      onChange={(e) =>
                        set({
                          features: e.currentTarget.checked
                            ? [...form.features, p.name]
                            : form.features.filter((f) => f !== p.name),
                        })
                      }
                    />
                    {p.name}
                  </label>
                ))}
              </div>
              <FieldError id="features-error" errors={errors} field="features" />
            </fieldset>
          </>
        )}
        <ErrorMessage error={submitError} />
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Running…' : 'Run analysis'}
        </button>
      </form>
    </section>
  );
}
