// npm run models:pull -- <hub id> [--revision SHA] [--name NAME] [--endpoint URL] [--dtypes q8,fp32] [--force]
// Downloads an ONNX model from the Hugging Face Hub (or a mirror: --endpoint / HF_ENDPOINT) into models/<name>/,
// verifies it and registers it in models/manifest.json. For connected machines; the product never downloads.
import { DEFAULT_HUB_ENDPOINT, encoderDtypes, pullModel } from '@lede/ranking/encoder';
import { z } from 'zod';

import { readModelsDir } from '@lede/domain/encoders';

import { readHubEnv } from '../env';
import { parseCliArgs, runCli, UsageError } from './args';
import { reportExpectedErrors } from './models-errors';

const usage = 'usage: npm run models:pull -- <hub id> [--revision SHA] [--name NAME] [--endpoint URL] [--dtypes q8,fp16,fp32] [--force]';
const ZDtypes = z.array(z.enum(encoderDtypes)).min(1);

runCli(() =>
  reportExpectedErrors(async () => {
    const { values, positionals } = parseCliArgs(
      {
        revision: { type: 'string' },
        name: { type: 'string' },
        endpoint: { type: 'string' },
        dtypes: { type: 'string' },
        force: { type: 'boolean', default: false },
      },
      usage,
    );
    const [repo, ...extra] = positionals;
    if (!repo || extra.length > 0) throw new UsageError(usage);
    const dtypes = values.dtypes === undefined ? undefined : ZDtypes.safeParse(values.dtypes.split(','));
    if (dtypes && !dtypes.success) throw new UsageError(`--dtypes takes a comma-separated list of q8, fp16, fp32\n${usage}`);
    const env = readHubEnv();
    const started = Date.now();
    // Ctrl-C aborts the download, so the temporary directory is removed instead of left behind.
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort(new Error('interrupted')));
    const result = await pullModel({
      signal: abort.signal,
      repo,
      modelsDir: readModelsDir(),
      name: values.name,
      revision: values.revision,
      endpoint: values.endpoint ?? env.HF_ENDPOINT ?? DEFAULT_HUB_ENDPOINT,
      token: env.HF_TOKEN,
      dtypes: dtypes?.data,
      force: values.force,
      onFile: (file, i, count) => console.error(`[${i + 1}/${count}] ${file}`),
    });
    const bytes = Object.values(result.entry.files).reduce((sum, f) => sum + f.bytes, 0);
    console.error(`installed ${result.name} (${result.source}), ${(bytes / 1e6).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.error(`serve it with: npm run models:use -- ${result.name} --dtype ${Object.keys(result.entry.dtypes)[0]}`);
    console.log(JSON.stringify({ name: result.name, source: result.source, dimensions: result.entry.dimensions, dtypes: result.entry.dtypes, license: result.entry.license ?? null }));
  }),
);
