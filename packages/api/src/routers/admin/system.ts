import { z } from 'zod';

import { readSystemStatus, ZSystemStatus } from '../../services/models-status';
import { adminProcedure, createTRPCRouter } from '../../trpc';

export const adminSystemRouter = createTRPCRouter({
  /**
   * The serving encoder (model, dtype, version, where it was chosen, vector coverage), a pending encoder
   * switch with its progress, and the worker's last report of the device the encoder really runs on.
   */
  status: adminProcedure
    .input(z.object({}).optional())
    .output(ZSystemStatus)
    .query(({ ctx }) => readSystemStatus(ctx.db)),
});
