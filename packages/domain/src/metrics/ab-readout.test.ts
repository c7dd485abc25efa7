import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createTestDb, type TestDb } from '@lede/db/testing';

import { readAbReadout } from './ab-readout';

describe(`A/B readout (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(() => t.drop());

  it('sums each arm over the range, tests it against the reference arm and keeps imported history apart', async () => {
    await t.db.modelVersion.createMany({
      data: [
        { id: 'control', status: 'ACTIVE', trafficShare: 0.5, encoderVersion: 'e' },
        { id: 'treatment', status: 'ACTIVE', trafficShare: 0.5, encoderVersion: 'e' },
      ],
    });
    const row = (day: string, modelVersion: string, impressions: number, clicks: number) => ({ day, modelVersion, category: '*', impressions, clicks, readers: 1, recallHits: 0, recallClicks: 0 });
    await t.db.dailyMetric.createMany({
      data: [
        row('2026-01-01', 'control', 600, 120),
        row('2026-01-02', 'control', 400, 80),
        row('2026-01-01', 'treatment', 1000, 250),
        row('2026-01-01', 'import', 5000, 100),
        row('2026-01-01', '*', 6600, 450),
        // Outside the range: ignored.
        row('2026-01-05', 'treatment', 1000, 900),
      ],
    });
    const r = await readAbReadout(t.db, { from: '2026-01-01', to: '2026-01-02' });
    expect(r.arms.map((a) => a.modelVersion)).toEqual(['control', 'treatment', 'import']);
    const [control, treatment, imported] = r.arms;
    expect(control).toMatchObject({ impressions: 1000, clicks: 200, ctr: 0.2, versusReference: null });
    // Same figures as the hand-computed case in significance.test.ts: z = 2.67740, p = 0.0074196.
    expect(treatment?.versusReference?.z).toBeCloseTo(2.677398, 5);
    expect(treatment?.versusReference?.significant).toBe(true);
    expect(imported).toMatchObject({ imported: true, label: 'Imported history (logs)', versusReference: null });
    expect(r.daily.filter((d) => d.modelVersion === 'control').map((d) => d.impressions)).toEqual([600, 400]);
  });
});
