import fs from 'node:fs';
import path from 'node:path';

import { repoRoot } from '@lede/db';

/** What one fault check saw. */
export interface FaultCheck {
  name: string;
  ok: boolean;
  detail: string;
}

const corpus = () => path.join(repoRoot, 'data', 'demo', 'huffpost-news-13k.jsonl');

/** The first `n` demo articles, their ids prefixed so they are new to any database. */
export function demoLines(n: number, prefix: string): string[] {
  const lines = fs.readFileSync(corpus(), 'utf8').split('\n').filter(Boolean);
  return Array.from({ length: n }, (_, i) => lines[i % lines.length]!.replace(/"id": "([^"]+)"/, `"id": "${prefix}${i}-$1"`));
}
