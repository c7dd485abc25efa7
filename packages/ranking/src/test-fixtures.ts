import { type CandidateArticle, type ReaderProfile } from './types';

export const NOW = new Date('2025-03-01T12:00:00Z');

export function hoursAgo(hours: number): Date {
  return new Date(NOW.getTime() - hours * 3_600_000);
}

export function makeCandidate(id: string, overrides: Partial<CandidateArticle> = {}): CandidateArticle {
  return {
    id,
    category: 'news',
    publishedAt: NOW,
    vector: null,
    popularity: { clicks: 0, impressions: 0 },
    editorial: { pinnedUntil: null, boost: 1 },
    ...overrides,
  };
}

export function makeProfile(overrides: Partial<ReaderProfile> = {}): ReaderProfile {
  return { interests: [], history: [], notInterested: [], seen: new Set(), ...overrides };
}

export function vec(...values: number[]): Float32Array {
  return Float32Array.from(values);
}
