import { z } from 'zod';

export const ZSearchInput = z.object({ q: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(50).default(20) });

export const ZRange = z.tuple([z.number().int(), z.number().int()]);
