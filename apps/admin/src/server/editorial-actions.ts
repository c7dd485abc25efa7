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

/** Runs a bulk action on the selected articles; the notice to show, or the refusal (an unknown id) to show as an error. */
async function runBulk(op: string, ids: string[]): Promise<string> {
  const api = await getApi();
  const of = `of ${ids.length} selected ${ids.length === 1 ? 'article' : 'articles'}`;
  if (op === 'publish') {
    const { published } = await api.admin.articles.publish({ ids });
    return `notice=${encodeURIComponent(`Published ${published.length} ${of}${published.length < ids.length ? ' (only drafts are published)' : ''}.`)}`;
  }
  if (op === 'delete') {
    const { deleted } = await api.admin.articles.deleteDrafts({ ids });
    return `notice=${encodeURIComponent(`Deleted ${deleted.length} ${of}${deleted.length < ids.length ? ' (only drafts are deleted)' : ''}.`)}`;
  }
  const status = op === 'unhide' ? 'PUBLISHED' : 'HIDDEN';
  const { changed } = await api.admin.articles.bulkStatus({ ids, status });
  return `notice=${encodeURIComponent(`${status === 'HIDDEN' ? 'Hid' : 'Unhid'} ${changed.length} ${of}.`)}`;
}

/**
 * Hides, unhides, publishes (drafts) or deletes (drafts) the articles ticked in the list (`op` is the button
 * pressed), then returns to the list.
 */
export async function bulkStatusAction(form: FormData): Promise<void> {
  const ids = form.getAll('ids').filter((v): v is string => typeof v === 'string');
  const back = formText(form, 'back').startsWith('/articles') ? formText(form, 'back') : '/articles';
  const join = back.includes('?') ? '&' : '?';
  let query: string;
  if (!ids.length) query = `error=${encodeURIComponent('Select at least one article')}`;
  else {
    try {
      query = await runBulk(formText(form, 'op'), ids);
    } catch (err) {
      if (!(err instanceof TRPCError) || err.code === 'INTERNAL_SERVER_ERROR') throw err;
      query = `error=${encodeURIComponent(err.message)}`;
    }
  }
  revalidatePath('/articles');
  redirect(`${back.replace(/[?&](notice|error)=[^&]*/g, '')}${join}${query}`);
}

/** Publishes or deletes one draft from its page (`op`); a published draft stays on its page, a deleted one returns to the drafts. */
export async function draftAction(form: FormData): Promise<void> {
  const id = formText(form, 'id');
  const api = await getApi();
  if (formText(form, 'op') === 'delete') {
    const { deleted } = await api.admin.articles.deleteDrafts({ ids: [id] });
    revalidatePath('/articles');
    redirect(`/articles?status=DRAFT&notice=${encodeURIComponent(deleted.length ? 'Deleted the draft.' : 'Only drafts can be deleted.')}`);
  }
  let query = 'saved=1';
  try {
    await api.admin.articles.publish({ ids: [id] });
  } catch (err) {
    if (!(err instanceof TRPCError) || err.code === 'INTERNAL_SERVER_ERROR') throw err;
    query = `error=${encodeURIComponent(err.message)}`;
  }
  revalidatePath(`/articles/${encodeURIComponent(id)}`);
  redirect(`/articles/${encodeURIComponent(id)}?${query}`);
}
