'use server';

import { TRPCError } from '@trpc/server';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';

import type { RouterInputs } from '@lede/api';

import { formText } from '~/lib/search-params';

import { getApi } from './caller';

type TUpdate = RouterInputs['admin']['articles']['update'];

/** One editorial change from the article page's forms (`op` says which); refusals come back as a message. */
export async function updateArticleAction(form: FormData): Promise<void> {
  const id = formText(form, 'id');
  const op = formText(form, 'op');
  const value = formText(form, 'value');
  const patch: TUpdate = { id };
  if (op === 'hide') patch.status = 'HIDDEN';
  else if (op === 'unhide') patch.status = 'PUBLISHED';
  else if (op === 'unpin') patch.pinnedUntil = null;
  // datetime-local has no zone: the form sends the browser's UTC offset (minutes, as Date#getTimezoneOffset).
  else if (op === 'pin') patch.pinnedUntil = new Date(Date.parse(`${value}:00Z`) + Number(formText(form, 'tz') || 0) * 60_000);
  else if (op === 'boost') patch.boost = Number(value);
  else if (op === 'category') patch.category = value;

  let query = 'saved=1';
  try {
    if (patch.pinnedUntil && Number.isNaN(patch.pinnedUntil.getTime())) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Pick a date and time to pin until' });
    await (await getApi()).admin.articles.update(patch);
  } catch (err) {
    if (!(err instanceof TRPCError) || err.code === 'INTERNAL_SERVER_ERROR') throw err;
    const message = err.code === 'BAD_REQUEST' && err.cause && 'issues' in err.cause ? 'Check the value' : err.message;
    query = `error=${encodeURIComponent(message)}`;
  }
  revalidatePath(`/articles/${encodeURIComponent(id)}`);
  redirect(`/articles/${encodeURIComponent(id)}?${query}`);
}

/** Hides or unhides the articles ticked in the list (`op` is the button pressed), then returns to the list. */
export async function bulkStatusAction(form: FormData): Promise<void> {
  const ids = form.getAll('ids').filter((v): v is string => typeof v === 'string');
  const status = formText(form, 'op') === 'unhide' ? 'PUBLISHED' : 'HIDDEN';
  const back = formText(form, 'back').startsWith('/articles') ? formText(form, 'back') : '/articles';
  const join = back.includes('?') ? '&' : '?';
  let query: string;
  if (!ids.length) query = `error=${encodeURIComponent('Select at least one article')}`;
  else {
    const { changed } = await (await getApi()).admin.articles.bulkStatus({ ids, status });
    query = `notice=${encodeURIComponent(`${status === 'HIDDEN' ? 'Hid' : 'Unhid'} ${changed.length} of ${ids.length} selected ${ids.length === 1 ? 'article' : 'articles'}.`)}`;
  }
  revalidatePath('/articles');
  redirect(`${back.replace(/[?&](notice|error)=[^&]*/g, '')}${join}${query}`);
}
