import { createTRPCRouter } from '../../trpc';
import { adminArticlesRouter } from './articles/articles';
import { adminAuditRouter } from './staff/audit';
import { adminImportsRouter } from './imports/imports';
import { adminMetricsRouter } from './metrics/metrics';
import { adminModelsRouter } from './models/models';
import { adminPasswordsRouter } from './staff/passwords';
import { adminReadersRouter } from './readers/readers';
import { adminStaffRouter } from './staff/staff';
import { adminSystemRouter } from './models/system';
import { adminTrainingRouter } from './training/training';
import { adminUploadsRouter } from './imports/uploads';

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
