import { z } from 'zod';

import { type ImportSummary, maxNotes } from './types';
import { DAY_MS } from '../shared/time';

/** Links are rendered for readers: only http and https are stored (no `javascript:`, `data:`, `file:`). */
export const ZHttpUrl = z
  .string()
  .trim()
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'only http and https links are accepted');

/** An empty or missing link is allowed (stored as null); anything else must be http(s). */
export const ZOptionalHttpUrl = z.union([z.literal(''), ZHttpUrl]).nullish();

/**
 * Dates further ahead than this are clamped to the import time: the feed ranks by freshness, and one article
 * dated 2099 stayed "fresh" for ever and took over the candidate pool.
 */
const maxAheadMs = DAY_MS;

/** Adds a `file:line` note to the summary (the first `maxNotes`). */
export function addNote(summary: Pick<ImportSummary, 'notes'>, note: string): void {
  if (summary.notes.length < maxNotes) summary.notes.push(note);
}

/** `date`, or `now` when it lies more than a day ahead, which the summary then counts and notes. */
export function clampPublishedAt(date: Date, now: Date, where: string, summary: Pick<ImportSummary, 'clamped' | 'notes'>): Date {
  if (date.getTime() - now.getTime() <= maxAheadMs) return date;
  summary.clamped += 1;
  addNote(summary, `${where}: date ${date.toISOString()} is in the future, clamped to ${now.toISOString()}`);
  return now;
}

// Month and weekday names of the languages real feeds arrive in (a Brazilian site writes "Ter, 01 Dez 2026").
const months: [RegExp, string][] = [
  [/\b(janeiro|enero|janvier|januar|gennaio|jan)\b/, 'jan'],
  [/\b(fevereiro|febrero|février|fevrier|februar|febbraio|fev|feb|févr)\b/, 'feb'],
  [/\b(março|marco|marzo|mars|märz|maerz|mär|mar)\b/, 'mar'],
  [/\b(abril|avril|aprile|abr|avr|apr)\b/, 'apr'],
  [/\b(maio|mayo|mai|maggio|may)\b/, 'may'],
  [/\b(junho|junio|juin|juni|giugno|jun)\b/, 'jun'],
  [/\b(julho|julio|juillet|juli|luglio|jul|juil)\b/, 'jul'],
  [/\b(agosto|août|aout|august|ago|aug)\b/, 'aug'],
  [/\b(setembro|septiembre|septembre|september|settembre|set|sept|sep)\b/, 'sep'],
  [/\b(outubro|octubre|octobre|oktober|ottobre|out|okt|oct)\b/, 'oct'],
  [/\b(novembro|noviembre|novembre|november|nov)\b/, 'nov'],
  [/\b(dezembro|diciembre|décembre|decembre|dezember|dicembre|dez|dic|déc|dec)\b/, 'dec'],
];
const weekday = /^[^\d,]*,\s*/u;

/** `Date.parse`, then once more with localized month names and a leading weekday rewritten; null if unreadable. */
export function parseLooseDate(raw: string | null | undefined): Date | null {
  if (!raw) return null;
  const direct = Date.parse(raw);
  if (!Number.isNaN(direct)) return new Date(direct);
  let s = raw.toLowerCase().normalize('NFC').replace(weekday, '').replace(/\bde\b|\bdel\b|\bdu\b/g, ' ').replace(/\./g, ' ');
  for (const [re, en] of months) s = s.replace(re, en);
  const t = Date.parse(s.replace(/\s+/g, ' ').trim());
  return Number.isNaN(t) ? null : new Date(t);
}
