import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** Repository root: packages/db/src -> ../../.. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const ZDbEnv = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'DATABASE_URL must be file:… (SQLite) or postgresql://…')
    .default(`file:${path.join(repoRoot, 'data', 'lede.db')}`),
});

export const dbEnv = ZDbEnv.parse(process.env);
