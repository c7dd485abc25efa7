import { type Db } from '@lede/db';
import { type z } from 'zod';

/** Keys of the Setting table; each value has its zod schema next to the code that owns it. */
export const SETTING_KEYS = {
  /** The encoder the feed serves with (vectors complete for it). */
  servingEncoder: 'encoder.serving',
  /** An encoder switch waiting for its vectors; cleared when it becomes the serving one. */
  requestedEncoder: 'encoder.requested',
  /** What the worker last reported: device, model, dtype, version, coverage. */
  encoderStatus: 'encoder.status',
} as const;

export type SettingKey = (typeof SETTING_KEYS)[keyof typeof SETTING_KEYS];

/** A stored setting parsed with its schema; null when absent or no longer valid (an older shape). */
export async function readSetting<T extends z.ZodType>(db: Db, key: SettingKey, schema: T): Promise<{ value: z.infer<T>; updatedAt: Date } | null> {
  const row = await db.setting.findUnique({ where: { key } });
  if (!row) return null;
  const parsed = schema.safeParse(row.value);
  return parsed.success ? { value: parsed.data, updatedAt: row.updatedAt } : null;
}

export async function writeSetting<T extends z.ZodType>(db: Db, key: SettingKey, schema: T, value: z.infer<T>): Promise<void> {
  const json = schema.parse(value) as object;
  await db.setting.upsert({ where: { key }, create: { key, value: json }, update: { value: json } });
}

export async function deleteSetting(db: Db, key: SettingKey): Promise<void> {
  await db.setting.deleteMany({ where: { key } });
}
