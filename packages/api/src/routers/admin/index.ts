import { createTRPCRouter } from '../../trpc';
import { adminArticlesRouter } from './articles';
import { adminAuditRouter } from './audit';
import { adminImportsRouter } from './imports';
import { adminMetricsRouter } from './metrics';
import { adminModelsRouter } from './models';
import { adminPasswordsRouter } from './passwords';
import { adminReadersRouter } from './readers';
import { adminStaffRouter } from './staff';
import { adminSystemRouter } from './system';
import { adminTrainingRouter } from './training';
import { adminUploadsRouter } from './uploads';

export const adminAreaRouter = createTRPCRouter({
  articles: adminArticlesRouter,
  metrics: adminMetricsRouter,
  models: adminModelsRouter,
  readers: adminReadersRouter,
  uploads: adminUploadsRouter,
  imports: adminImportsRouter,
  audit: adminAuditRouter,
  staff: adminStaffRouter,
  passwords: adminPasswordsRouter,
  system: adminSystemRouter,
  training: adminTrainingRouter,
});
