import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { callerFor, newReaderId, seedArticles } from '../../testing/fixtures';

describe(`library (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  let articles: Awaited<ReturnType<typeof seedArticles>>;
  beforeAll(async () => {
    t = await createTestDb();
    articles = await seedArticles(t.db, 12);
  });
  afterAll(() => t.drop());

  it('saves and unsaves stories, newest saved first, and says so on the article', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const [a, b] = [articles[0]!, articles[1]!];
    await caller.library.save({ articleId: a.id });
    await caller.library.save({ articleId: b.id });
    await caller.library.save({ articleId: b.id });
    expect((await caller.library.saved({})).items.map((i) => i.id)).toEqual([b.id, a.id]);
    expect(await caller.library.articleState({ articleId: a.id })).toEqual({ saved: true, section: a.category, following: false });
    await caller.library.unsave({ articleId: a.id });
    expect((await caller.library.saved({})).items.map((i) => i.id)).toEqual([b.id]);
    await expect(caller.library.save({ articleId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists history once per story, latest reading first, paged', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const click = (id: string, n: number) => ({ clientEventId: `history-${n}`, type: 'CLICK' as const, articleId: id });
    await caller.events.log({ events: [click(articles[0]!.id, 1)] });
    await caller.events.log({ events: [click(articles[1]!.id, 2)] });
    await caller.events.log({ events: [click(articles[0]!.id, 3)] });
    const first = await caller.library.history({ limit: 1 });
    expect(first).toMatchObject({ items: [{ id: articles[0]!.id }], more: true });
    const second = await caller.library.history({ limit: 1, offset: 1 });
    expect(second).toMatchObject({ items: [{ id: articles[1]!.id }], more: false });
  });

  it('lists what was muted and undoes it', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    const id = articles[2]!.id;
    await caller.events.log({ events: [{ clientEventId: 'mute-one', type: 'NOT_INTERESTED', articleId: id }] });
    expect((await caller.library.muted()).map((m) => m.id)).toEqual([id]);
    await caller.library.unmute({ articleId: id });
    expect(await caller.library.muted()).toEqual([]);
  });

  it('follows and hides sections, never both at once', async () => {
    const caller = await callerFor(t.db, { readerId: newReaderId() });
    expect(await caller.library.setSection({ section: 'SPORTS', follow: true })).toEqual({ followed: ['SPORTS'], hidden: [] });
    expect(await caller.library.setSection({ section: 'SPORTS', hide: true })).toEqual({ followed: [], hidden: ['SPORTS'] });
    expect(await caller.library.setSection({ section: 'SPORTS', follow: true })).toEqual({ followed: ['SPORTS'], hidden: [] });
    await expect(caller.library.setSection({ section: 'SPORTS' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
