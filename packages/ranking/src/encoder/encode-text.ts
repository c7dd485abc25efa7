/** The text embedded for an article: title and abstract as one sentence pair, whitespace trimmed. */
export function encodeText(article: { title: string; abstract?: string | null }): string {
  const title = article.title.trim();
  const abstract = (article.abstract ?? '').trim();
  if (!abstract) return title;
  if (!title) return abstract;
  return `${title}. ${abstract}`;
}
