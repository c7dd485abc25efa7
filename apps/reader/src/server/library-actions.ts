'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';

import { getApi } from './caller';

// Server actions behind the Saved and "Not interested" pages: plain forms, so they work without JavaScript.
// Next checks that the Origin matches the host (the CSRF protection).

const ZArticleForm = z.object({ articleId: z.string().min(1).max(64) });
const ZSectionForm = z.object({ section: z.string().min(1).max(64), change: z.enum(['follow', 'unfollow', 'hide', 'show']) });

export async function unsaveAction(form: FormData): Promise<void> {
  const { articleId } = ZArticleForm.parse(Object.fromEntries(form));
  await (await getApi()).library.unsave({ articleId });
  revalidatePath('/saved');
}

export async function unmuteAction(form: FormData): Promise<void> {
  const { articleId } = ZArticleForm.parse(Object.fromEntries(form));
  await (await getApi()).library.unmute({ articleId });
  revalidatePath('/not-interested');
}

export async function setSectionAction(form: FormData): Promise<void> {
  const { section, change } = ZSectionForm.parse(Object.fromEntries(form));
  const input = change === 'follow' || change === 'unfollow' ? { section, follow: change === 'follow' } : { section, hide: change === 'hide' };
  await (await getApi()).library.setSection(input);
  revalidatePath('/', 'layout');
}
