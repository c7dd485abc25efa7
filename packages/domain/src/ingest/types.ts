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
  /** JSONL: spread the dates over the last `DEMO_SPREAD_DAYS` days, in order, the newest on today (or the day of the Date given). */
  shiftToNow?: boolean | Date;
  onProgress?: ProgressFn;
  /** Rows per write transaction. */
  batchSize?: number;
  /** Import the valid items of a file that has invalid ones (listed in the summary) instead of refusing it. */
  skipInvalid?: boolean;
  /** How articles new to Lede are stored; articles already here keep their status and import. */
  newArticles?: NewArticleState;
}

export interface NewArticleState {
  /** DRAFT: stored but not served until an editor publishes them. Default PUBLISHED. */
  status?: 'PUBLISHED' | 'DRAFT';
  /** The import record (Import row) that creates them. */
  importId?: string;
}

export interface ImportSummary {
  articles: number;
  users: number;
  impressions: number;
  events: number;
  /** Rows read but not stored: blank lines, history items naming news missing from news.tsv. */
  skipped: number;
  /** Invalid items left out (only with `skipInvalid`; without it such a file imports nothing). */
  invalid: number;
  /** Articles dated more than a day ahead, stored with the import time instead. */
  clamped: number;
  /** `file:line` notes for the editor: skipped items, clamped or unreadable dates (the first 1,000). */
  notes: string[];
  seconds: number;
}

export const defaultBatchSize = 500;
/** Notes kept in a summary (it travels as a job result). */
export const maxNotes = 1000;

export function createSummary(): ImportSummary {
  return { articles: 0, users: 0, impressions: 0, events: 0, skipped: 0, invalid: 0, clamped: 0, notes: [], seconds: 0 };
}

export function addSummary(into: ImportSummary, from: ImportSummary): void {
  into.articles += from.articles;
  into.users += from.users;
  into.impressions += from.impressions;
  into.events += from.events;
  into.skipped += from.skipped;
  into.invalid += from.invalid;
  into.clamped += from.clamped;
  into.notes.push(...from.notes.slice(0, Math.max(0, maxNotes - into.notes.length)));
}

export function countRows(summary: ImportSummary): number {
  return summary.articles + summary.users + summary.impressions + summary.events;
}

/** Interactive transactions default to 5 s; one batch on a busy SQLite file can take longer. */
export const batchTxOptions = { maxWait: 30_000, timeout: 120_000 };
