'use server';

import { TRPCError } from '@trpc/server';
import { redirect } from 'next/navigation';

import { formText } from '~/lib/search-params';
import { getApi } from '~/server/caller';

const num = (form: FormData, name: string) => {
  const v = formText(form, name).trim();
  return v === '' ? undefined : Number(v);
};

/** Queues a run with the form's settings (empty fields take the defaults) and opens its page. */
export async function startTrainingAction(form: FormData): Promise<void> {
  let id: string;
  try {
    ({ id } = await (await getApi()).admin.training.start({
      days: num(form, 'days'),
      heldOutDays: num(form, 'heldOutDays'),
      epochs: num(form, 'epochs'),
      lr: num(form, 'lr'),
      negatives: num(form, 'negatives'),
      seed: num(form, 'seed'),
    }));
  } catch (err) {
    if (!(err instanceof TRPCError) || err.code === 'INTERNAL_SERVER_ERROR') throw err;
    redirect(`/training?error=${encodeURIComponent(err.message)}`);
  }
  redirect(`/training/${id}`);
}
