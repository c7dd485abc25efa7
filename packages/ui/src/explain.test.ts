import { describe, expect, it } from 'vitest';

import { explainStory, splitHighlights } from './explain';

const neutral = { semantic: null, freshness: 0.1, popularity: 0.1, categoryAffinity: 0, editorialBoost: 1, pinned: false };

describe('explainStory', () => {
  it('names the read articles, the section, freshness and popularity', () => {
    const reasons = explainStory({
      category: 'FOOD & DRINK',
      components: { ...neutral, categoryAffinity: 0.8, freshness: 0.9, popularity: 0.5 },
      because: [{ title: 'Best pasta' }, { title: 'Tacos' }],
    });
    expect(reasons).toEqual([
      'You read “Best pasta” and “Tacos”.',
      'You often read Food & Drink.',
      'It is fresh: published in the last few hours.',
      'Many readers are opening it right now.',
    ]);
  });

  it('says when editors pinned or boosted a story', () => {
    expect(explainStory({ category: 'X', components: { ...neutral, pinned: true }, because: [] })[0]).toMatch(/pinned/);
    expect(explainStory({ category: 'X', components: null, because: [], removed: true })).toEqual(['The editors have removed this story from the feed since it was shown to you.']);
    expect(explainStory({ category: 'X', components: { ...neutral, editorialBoost: 1.5 }, because: [] })[0]).toMatch(/boost/);
  });

  it('falls back to a general reason', () => {
    expect(explainStory({ category: 'X', components: neutral, because: [] })).toEqual([
      'It is one of today’s top stories for everyone, by freshness and popularity.',
    ]);
  });
});

describe('splitHighlights', () => {
  it('splits text into marked and plain parts', () => {
    expect(splitHighlights('Senate budget bill', [[7, 13]])).toEqual([
      { text: 'Senate ', mark: false },
      { text: 'budget', mark: true },
      { text: ' bill', mark: false },
    ]);
    expect(splitHighlights('abc', [])).toEqual([{ text: 'abc', mark: false }]);
  });
});

describe('explainStory with ranking-model contributions', () => {
  const components = { semantic: 0.7, freshness: 0.2, popularity: 0.1, categoryAffinity: 0.8, editorialBoost: 1, pinned: false };

  it('gives reasons for what pushed the story up, largest first, and none for what pulled it down', () => {
    const reasons = explainStory({
      category: 'SPORTS',
      components,
      contributions: [
        { feature: 'keyword', value: 0.4, contribution: 0.9 },
        { feature: 'categoryShare', value: 0.6, contribution: 0.3 },
        { feature: 'semantic', value: 0.1, contribution: -0.5 },
      ],
      because: [{ title: 'A match' }],
    });
    expect(reasons[0]).toBe('It shares keywords with stories you read.');
    expect(reasons[1]).toMatch(/You often read/);
    expect(reasons.some((r) => r.includes('A match'))).toBe(false);
  });

  it('never calls a story fresh or widely read unless it is, whatever the model credits', () => {
    const reasons = explainStory({
      category: 'SPORTS',
      components, // freshness 0.2: two days old at a 24 h half-life
      contributions: [
        { feature: 'ageHours', value: 3.9, contribution: 0.8 },
        { feature: 'readers24h', value: Math.log1p(2), contribution: 0.4 },
      ],
      because: [],
    });
    expect(reasons.join(' ')).not.toMatch(/fresh|recent|Many readers/);
    const fresh = explainStory({ category: 'SPORTS', components: { ...components, freshness: 0.8 }, contributions: [{ feature: 'ageHours', value: 1, contribution: 0.8 }, { feature: 'readers24h', value: Math.log1p(40), contribution: 0.2 }], because: [] });
    expect(fresh).toEqual(['It is fresh: published in the last few hours.', 'Many readers are opening it right now.']);
  });

  it('names shared entities only when the story shares some', () => {
    const entity = (value: number) => explainStory({ category: 'NEWS', components, contributions: [{ feature: 'entityOverlap', value, contribution: 0.5 }], because: [] });
    expect(entity(0.5)).toEqual(['It is about people, places or things in stories you read.']);
    expect(entity(-2).join(' ')).not.toMatch(/people, places/);
  });

  it('credits what the reader read lately only when the story shares its keywords or section', () => {
    const lately = (feature: string, value: number) => explainStory({ category: 'SPORTS', components, contributions: [{ feature, value, contribution: 0.4 }], because: [] });
    expect(lately('recentKeyword', 0.3)).toEqual(['It follows on from what you read lately.']);
    expect(lately('recentCategoryShare', 0.6)).toEqual(['You have been reading Sports lately.']);
    for (const feature of ['recentKeyword', 'recentCategoryShare']) {
      expect(lately(feature, 0).join(' ')).not.toMatch(/lately/);
      expect(lately(feature, -2).join(' ')).not.toMatch(/lately/);
    }
  });

  it('credits a section the reader opens more often than others only when they do (positive lift)', () => {
    const lift = (value: number) => explainStory({ category: 'SPORTS', components, contributions: [{ feature: 'sectionLift', value, contribution: 0.4 }], because: [] });
    expect(lift(0.7)).toEqual(['You open Sports stories more often than others shown to you.']);
    // 0: no more than their usual rate; MISSING (-2): nothing shown yet.
    expect(lift(0).join(' ')).not.toMatch(/more often/);
    expect(lift(-2).join(' ')).not.toMatch(/more often/);
  });
});
