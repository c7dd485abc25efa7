import { z } from 'zod';

import { listInstalledEncoders, readSystemStatus, switchEncoder, ZEncoderDtype, ZSystemStatus } from '@lede/domain/encoders';
import { getJobQueue, type JobQueue } from '@lede/domain/jobs';

import { adminProcedure, createTRPCRouter } from '../../../trpc';

/**
 * With Redis the switch's job goes to the worker at once. In-process there is no worker in this process to
 * run it (and the encoder does not belong in the web server): the worker's periodic embed run picks the
 * request up from the database instead.
 */
function workerQueue(): JobQueue | null {
  const queue = getJobQueue();
  return queue.kind === 'bullmq' ? queue : null;
}

export const adminSystemRouter = createTRPCRouter({
  /**
   * The serving encoder (model, dtype, version, where it was chosen, vector coverage), a pending encoder
   * switch with its progress, and the worker's last report of the device the encoder really runs on.
   */
  status: adminProcedure
    .input(z.object({}).optional())
    .output(ZSystemStatus)
    .query(({ ctx }) => readSystemStatus(ctx.db)),

  /** Installed encoders and their versions per dtype, for choosing one to switch to. */
  encoders: adminProcedure
    .input(z.object({}).optional())
    .output(
      z.array(
        z.object({
          name: z.string(),
          kind: z.string(),
          dimensions: z.number().nullable(),
          versions: z.partialRecord(ZEncoderDtype, z.string()),
          source: z.string().nullable(),
          license: z.string().nullable(),
        }),
      ),
    )
    .query(() => listInstalledEncoders()),

  /** Requests a switch of the serving encoder; the feed follows once every published article has a vector. */
  switchEncoder: adminProcedure
    .input(z.object({ name: z.string().min(1), dtype: ZEncoderDtype.default('q8') }))
    .output(z.object({ encoderVersion: z.string(), jobId: z.string().nullable(), serving: z.boolean() }))
    .mutation(({ ctx, input }) => switchEncoder(ctx.db, workerQueue(), input.name, input.dtype, { actorId: ctx.user.id })),
});
