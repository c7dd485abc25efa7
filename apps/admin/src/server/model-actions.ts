'use server';

import { TRPCError } from '@trpc/server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';

import { formText } from '~/lib/search-params';

import { getApi } from './caller';

/** Runs a model action; a refusal comes back to the page as a message, anything else is a 500. */
async function run(action: () => Promise<unknown>, done: string): Promise<never> {
  let message: string;
  try {
    await action();
    message = `notice=${encodeURIComponent(done)}`;
  } catch (err) {
    if (!(err instanceof TRPCError) || err.code === 'INTERNAL_SERVER_ERROR') throw err;
    message = `error=${encodeURIComponent(err.message)}`;
  }
  revalidatePath('/models');
  redirect(`/models?${message}`);
}

export async function promoteAction(form: FormData): Promise<void> {
  const id = formText(form, 'id');
  const confirmWorse = form.get('confirmWorse') === 'on';
  await run(async () => (await getApi()).admin.models.promote({ id, confirmWorse }), `Promoted ${id}: it now serves all traffic.`);
}

export async function splitAction(form: FormData): Promise<void> {
  // Shares are entered in percent; versions left at 0 are not in the split.
  const arms = [...form.entries()]
    .filter(([k]) => k.startsWith('share:'))
    .map(([k, v]) => ({ id: k.slice('share:'.length), share: Number(v) / 100 }))
    .filter((a) => a.share > 0);
  await run(async () => (await getApi()).admin.models.split({ arms }), `A/B split set: ${arms.map((a) => `${a.id} ${Math.round(a.share * 100)}%`).join(', ')}.`);
}

export async function rollbackAction(): Promise<void> {
  await run(async () => (await getApi()).admin.models.rollback({}), 'Rolled back to the previous traffic split.');
}
