import type { RouterOutputs } from '@lede/api';
import { explainStory, formatCategory } from '@lede/ui';

type TFeed = RouterOutputs['admin']['readers']['feed'][number];

const n3 = (v: number | null) => (v === null ? '–' : v.toFixed(3));
const signed = (v: number) => (v >= 0 ? '+' : '−') + Math.abs(v).toFixed(3);

/**
 * One version's ranking for a reader, each item with its score components, the ranking model's largest
 * contributions (feature in plain words, its value, its push on the score), what the reader's "Why am I seeing
 * this?" tells them, and the clicks behind it.
 */
export function FeedPreview({ version, items }: TFeed) {
  return (
    <section aria-label={`Feed under ${version}`} className="min-w-0">
      <h3 className="font-mono text-sm font-semibold">{version}</h3>
      <ol className="mt-2 space-y-3">
        {items.map((item, i) => (
          <li key={item.articleId} className="rounded-md border border-rule bg-surface p-3 text-sm">
            <p className="font-medium">
              {i + 1}. {item.title}
              {item.components.pinned ? <span className="ml-2 rounded bg-ink px-1.5 text-xs text-paper">pinned</span> : null}
            </p>
            <p className="text-xs text-ink-muted">
              {formatCategory(item.category)} · score {item.score.toFixed(3)}
            </p>
            <table aria-label={`Score components of ${item.title}`} className="mt-2 w-full text-xs tabular-nums">
              <thead>
                <tr className="text-left text-ink-muted">
                  <th scope="col" className="font-normal">Semantic</th>
                  <th scope="col" className="font-normal">Freshness</th>
                  <th scope="col" className="font-normal">Popularity</th>
                  <th scope="col" className="font-normal">Category</th>
                  <th scope="col" className="font-normal">Diversity penalty</th>
                  <th scope="col" className="font-normal">Editorial boost</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td>{n3(item.components.semantic)}</td>
                  <td>{n3(item.components.freshness)}</td>
                  <td>{n3(item.components.popularity)}</td>
                  <td>{n3(item.components.categoryAffinity)}</td>
                  <td>{n3(item.components.diversityPenalty)}</td>
                  <td>{n3(item.components.editorialBoost)}</td>
                </tr>
              </tbody>
            </table>
            {item.contributions.length ? (
              <table aria-label={`Ranking model contributions to ${item.title}`} className="mt-2 w-full text-xs tabular-nums">
                <thead>
                  <tr className="text-left text-ink-muted">
                    <th scope="col" className="pr-3 font-normal">Signal</th>
                    <th scope="col" className="pr-3 text-right font-normal">Value</th>
                    <th scope="col" className="text-right font-normal">Contribution</th>
                  </tr>
                </thead>
                <tbody>
                  {item.contributions.map((c) => (
                    <tr key={c.feature}>
                      <td className="pr-3">{c.label}</td>
                      <td className="pr-3 text-right">{n3(c.value)}</td>
                      <td className={c.contribution >= 0 ? 'text-right' : 'text-right text-ink-muted'}>{signed(c.contribution)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            <p className="mt-2 text-xs">
              <span className="text-ink-muted">The reader is told: </span>
              {explainStory({ category: item.category, components: item.components, contributions: item.contributions, because: item.because }).join(' ')}
            </p>
            {item.because.length ? (
              <p className="mt-2 text-xs">
                <span className="text-ink-muted">Because they read: </span>
                {item.because.map((b) => b.title).join(' · ')}
              </p>
            ) : null}
          </li>
        ))}
        {items.length === 0 ? <li className="text-sm text-ink-muted">No candidates in the pool.</li> : null}
      </ol>
    </section>
  );
}
