import { type Prisma } from '@lede/db';

/** A database client or an open transaction: every writer takes either. */
export type DbTx = Prisma.TransactionClient;

export interface ImportProgress {
  file: string;
  /** Last line read (1-based); for XML feeds, the line of the last item. */
  line: number;
  /** Rows stored so far in this import (all tables). */
  rows: number;
  bytes?: number;
  totalBytes?: number;
}

export type ProgressFn = (progress: ImportProgress) => void;

export interface ImportOptions {
  /** Source name for articles (JSONL rows, MIND, feeds) and the namespace of imported readers and requests. */
  source?: string;
  /** JSONL: shift every date by one offset so the newest article is dated today (or the day of the Date given). */
  shiftToNow?: boolean | Date;
  onProgress?: ProgressFn;
  /** Rows per write transaction. */
  batchSize?: number;
}

export interface ImportSummary {
  articles: number;
  users: number;
  impressions: number;
  events: number;
  /** Rows read but not stored: blank lines, history items naming news missing from news.tsv. */
  skipped: number;
  seconds: number;
}

export const defaultBatchSize = 500;

export function createSummary(): ImportSummary {
  return { articles: 0, users: 0, impressions: 0, events: 0, skipped: 0, seconds: 0 };
}

export function addSummary(into: ImportSummary, from: ImportSummary): void {
  into.articles += from.articles;
  into.users += from.users;
  into.impressions += from.impressions;
  into.events += from.events;
  into.skipped += from.skipped;
}

export function countRows(summary: ImportSummary): number {
  return summary.articles + summary.users + summary.impressions + summary.events;
}

/** Interactive transactions default to 5 s; one batch on a busy SQLite file can take longer. */
export const batchTxOptions = { maxWait: 30_000, timeout: 120_000 };
