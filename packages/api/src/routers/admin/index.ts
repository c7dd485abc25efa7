import { createTRPCRouter } from '../../trpc';
import { adminArticlesRouter } from './articles';
import { adminMetricsRouter } from './metrics';

export const adminRouter = createTRPCRouter({
  articles: adminArticlesRouter,
  metrics: adminMetricsRouter,
});
