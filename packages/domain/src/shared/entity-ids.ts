/**
 * An article's named entities (Wikidata ids such as `Q80976`, from MIND's title_entities / abstract_entities)
 * are stored in one text column, space-separated, each once: compact, portable across SQLite and PostgreSQL,
 * and parsed once per article when the candidate pool or a training log loads it.
 */

/** The stored form of a list of entity ids: each once, in first-seen order; null for none. */
export function joinEntityIds(ids: Iterable<string>): string | null {
  const unique = new Set<string>();
  for (const id of ids) if (/^\S+$/.test(id)) unique.add(id);
  return unique.size ? [...unique].join(' ') : null;
}

/** The set the ranking model's entity feature reads; null when the article has none. */
export function readEntityIds(stored: string | null | undefined): ReadonlySet<string> | null {
  if (!stored) return null;
  const ids = stored.split(' ').filter(Boolean);
  return ids.length ? new Set(ids) : null;
}
