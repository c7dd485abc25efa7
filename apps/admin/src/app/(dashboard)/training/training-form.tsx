'use client';

import { useActionState } from 'react';

import { startTrainingAction } from './actions';
import { TRAINING_FIELDS, TRAINING_LABELS, type TTrainingFormState } from './training-fields';

const input = 'mt-1 block w-28 rounded-md border bg-surface px-2 py-1 text-sm';
const steps: Record<string, string> = { lr: 'any' };

/**
 * The launch form. The browser's own number checks are off (`noValidate`) so every refusal reads the same:
 * a sentence under the field, named by `aria-describedby`, with the typed values kept.
 */
export function TrainingForm({ defaults }: { defaults: Record<string, number> }) {
  const [state, action, pending] = useActionState<TTrainingFormState, FormData>(startTrainingAction, { values: {}, fieldErrors: {}, error: null });
  return (
    <form action={action} noValidate className="mt-2 flex flex-wrap items-start gap-4">
      {TRAINING_FIELDS.map((name) => {
        const error = state.fieldErrors[name];
        return (
          <div key={name} className="text-sm">
            <label htmlFor={`train-${name}`}>{TRAINING_LABELS[name]}</label>
            <input
              id={`train-${name}`}
              className={`${input} ${error ? 'border-danger' : 'border-rule'}`}
              type="number"
              name={name}
              step={steps[name] ?? '1'}
              defaultValue={state.values[name] ?? defaults[name]}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `train-${name}-error` : undefined}
            />
            {error ? (
              <p id={`train-${name}-error`} className="mt-1 max-w-40 text-xs font-medium text-danger">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <button type="submit" disabled={pending} className="mt-5 rounded-md bg-ink px-3 py-1.5 text-sm font-medium text-paper disabled:opacity-60">
        Start run
      </button>
      {state.error || Object.keys(state.fieldErrors).length ? (
        <p role="alert" className="w-full text-sm font-medium text-danger">
          {state.error ?? 'Check the highlighted settings.'}
        </p>
      ) : null}
    </form>
  );
}
