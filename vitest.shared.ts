import os from 'node:os';
import path from 'node:path';

/**
 * Environment every Vitest project runs under. Tests write uploads, checkpoints and trained weights through
 * the same code the apps use; `LEDE_DATA_DIR` sends them to a scratch folder of this run instead of `data/`,
 * where the demo keeps its database and its admin password.
 */
export const testEnv = {
  LEDE_DATA_DIR: path.join(os.tmpdir(), `lede-test-data-${process.pid}`),
};
