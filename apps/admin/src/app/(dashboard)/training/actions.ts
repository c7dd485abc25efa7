'use server';

import { TRPCError } from '@trpc/server';
import { redirect } from 'next/navigation';

import { describeFieldIssues } from '@lede/ui';

import { formText } from '~/lib/search-params';
import { getApi } from '~/server/caller';

import { TRAINING_FIELDS, TRAINING_LABELS, type TTrainingFormState } from './training-fields';

const FIELDS = TRAINING_FIELDS;

/**
 * Queues a run with the form's settings (empty fields take the defaults) and opens its page. A value the API
 * refuses comes back as a message beside its field, with what was typed kept; nothing goes into the URL.
 */
export async function startTrainingAction(_previous: TTrainingFormState, form: FormData): Promise<TTrainingFormState> {
  const values = Object.fromEntries(FIELDS.map((f) => [f, formText(form, f).trim()]));
  const input = Object.fromEntries(FIELDS.map((f) => [f, values[f] === '' ? undefined : Number(values[f])]));
  let id: string;
  try {
    ({ id } = await (await getApi()).admin.training.start(input));
  } catch (err) {
    if (!(err instanceof TRPCError) || err.code === 'INTERNAL_SERVER_ERROR') throw err;
    const fieldErrors = err.code === 'BAD_REQUEST' ? describeFieldIssues(TRAINING_LABELS, err.cause) : {};
    return { values, fieldErrors, error: Object.keys(fieldErrors).length ? null : err.message };
  }
  redirect(`/training/${id}`);
}
