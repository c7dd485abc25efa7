import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { describeFieldIssues } from './field-errors';

describe('describeFieldIssues', () => {
  const schema = z.object({
    epochs: z.number().int().min(1).max(50),
    lr: z.number().positive(),
  });
  const labels = { epochs: 'Epochs', lr: 'Learning rate' };
  const issuesOf = (v: unknown) => schema.safeParse(v).error;

  it('turns zod issues into one sentence per field', () => {
    expect(describeFieldIssues(labels, issuesOf({ epochs: 0, lr: 0.1 }))).toEqual({ epochs: 'Epochs must be at least 1.' });
    expect(describeFieldIssues(labels, issuesOf({ epochs: 51, lr: 0 }))).toEqual({
      epochs: 'Epochs must be at most 50.',
      lr: 'Learning rate must be more than 0.',
    });
    expect(describeFieldIssues(labels, issuesOf({ epochs: 1.5, lr: 1 }))).toEqual({ epochs: 'Epochs must be a whole number.' });
  });

  it('gives nothing for an error without issues', () => {
    expect(describeFieldIssues(labels, new Error('x'))).toEqual({});
    expect(describeFieldIssues(labels, undefined)).toEqual({});
  });
});
