import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

import type { EncoderDtype, ManifestModel } from '../manifest';
import { readManifestOrEmpty, registerModel } from './pull-manifest';
import { DEFAULT_MAX_FILE_BYTES, downloadFile, fetchRepoInfo, type DownloadedFile, type HubClient, type HubFile } from './pull-hub';
import { checkFileContent, ModelFileError, ONNX_BY_DTYPE, OPTIONAL_FILES, readModelShape, REQUIRED_FILES } from './pull-verify';

export interface PullOptions {
  /** Hub id, e.g. `Xenova/all-MiniLM-L6-v2`. */
  repo: string;
  modelsDir: string;
  /** Directory and manifest name; defaults to the repo name in lower case. */
  name?: string;
  revision?: string;
  endpoint?: string;
  token?: string;
  /** Which ONNX weights to fetch; all that the repo has by default. */
  dtypes?: EncoderDtype[];
  /** Replace a model pulled before under the same name (never one that was not pulled from the Hub). */
  force?: boolean;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Largest file accepted, bytes (default 4 GiB). */
  maxFileBytes?: number;
  onFile?: (file: string, index: number, count: number) => void;
}

export interface PullResult {
  name: string;
  dir: string;
  source: string;
  entry: ManifestModel & { source: string };
}

export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';
const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** Directories under models/ that are not pulled models. */
const RESERVED = new Set(['lede-news-bert', 'test-tiny-bert', 'recipes', 'manifest.json', 'readme.md']);

/**
 * Downloads an ONNX model from the Hugging Face Hub (or a mirror of its URL layout) into
 * `<modelsDir>/<name>/` and registers it in the manifest. Files land in a temporary directory beside the
 * target, are checked against what the Hub promises and for sane content, and only then move into place
 * with one rename; the manifest is written after that, also by rename. A failure at any point leaves
 * neither a partial model directory nor a manifest entry behind.
 */
export async function pullModel(options: PullOptions): Promise<PullResult> {
  const { repo, modelsDir } = options;
  if (!/^[\w.-]+(\/[\w.-]+)?$/.test(repo)) throw new ModelFileError(`"${repo}" is not a Hub model id (owner/name)`);
  const name = options.name ?? repo.split('/').pop()!.toLowerCase();
  if (!NAME.test(name)) throw new ModelFileError(`Model name "${name}" must be lower-case letters, digits, ".", "_" or "-"`);
  await checkNameFree(modelsDir, name, options.force ?? false);

  const hub: HubClient = {
    endpoint: (options.endpoint ?? DEFAULT_HUB_ENDPOINT).replace(/\/+$/, ''),
    repo,
    token: options.token,
    fetch: options.fetch ?? fetch,
    signal: options.signal,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
  };
  const info = await fetchRepoInfo(hub, options.revision ?? 'main');
  // Pin every file to one commit, so a push to the repo mid-download cannot mix two versions.
  const revision = info?.sha ?? options.revision ?? 'main';
  const wanted = selectFiles(info?.files ?? null, options.dtypes);

  await mkdir(modelsDir, { recursive: true });
  await removeStaleTemps(modelsDir, name);
  const temp = path.join(modelsDir, `.pull-${name}-${randomBytes(4).toString('hex')}`);
  try {
    const files = await downloadAll(hub, revision, wanted, temp, options.onFile);
    const commit = info?.sha ?? files.find((f) => f.commit)?.commit ?? revision;
    const entry = await buildEntry(temp, name, files, `hub:${repo}@${commit}`, info?.license);
    await installModel(temp, path.join(modelsDir, name), () => registerModel(modelsDir, name, entry));
    return { name, dir: path.join(modelsDir, name), source: entry.source, entry };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

/** The files to fetch: required ones, the wanted ONNX weights (and their external data), optional extras. */
function selectFiles(listed: HubFile[] | null, dtypes: EncoderDtype[] | undefined): { file: HubFile; required: boolean }[] {
  const onnx = (dtypes ?? (Object.keys(ONNX_BY_DTYPE) as EncoderDtype[])).map((d) => ONNX_BY_DTYPE[d]);
  const byPath = new Map(listed?.map((f) => [f.path, f]));
  const pick = (p: string, required: boolean) => (listed && !byPath.has(p) && !required ? [] : [{ file: byPath.get(p) ?? { path: p }, required }]);
  const external = listed?.filter((f) => onnx.some((o) => f.path === `${o}_data` || f.path.startsWith(`${o}_data_`))) ?? [];
  return [
    ...REQUIRED_FILES.flatMap((p) => pick(p, true)),
    ...onnx.flatMap((p) => pick(p, false)),
    ...external.map((file) => ({ file, required: false })),
    ...OPTIONAL_FILES.flatMap((p) => pick(p, false)),
  ];
}

async function downloadAll(
  hub: HubClient,
  revision: string,
  wanted: { file: HubFile; required: boolean }[],
  temp: string,
  onFile: PullOptions['onFile'],
): Promise<DownloadedFile[]> {
  const done: DownloadedFile[] = [];
  for (const [i, { file, required }] of wanted.entries()) {
    onFile?.(file.path, i, wanted.length);
    const target = path.resolve(temp, file.path);
    if (!target.startsWith(`${path.resolve(temp)}${path.sep}`)) throw new ModelFileError(`${file.path} would land outside the model directory`);
    await mkdir(path.dirname(target), { recursive: true });
    const got = await downloadFile(hub, revision, file, target);
    if (!got) {
      if (required) throw new ModelFileError(`${hub.repo}@${revision} has no ${file.path} (HTTP 404); it is required`);
      continue;
    }
    await checkFileContent(temp, file.path);
    done.push(got);
  }
  return done;
}

async function buildEntry(dir: string, name: string, files: DownloadedFile[], source: string, license: string | undefined): Promise<PullResult['entry']> {
  const have = new Set(files.map((f) => f.path));
  const dtypes = Object.fromEntries(Object.entries(ONNX_BY_DTYPE).filter(([, file]) => have.has(file))) as ManifestModel['dtypes'];
  if (Object.keys(dtypes).length === 0) {
    throw new ModelFileError(`No ONNX weights found (looked for ${Object.values(ONNX_BY_DTYPE).join(', ')})`);
  }
  const smallest = dtypes.q8 ?? dtypes.fp16 ?? dtypes.fp32!;
  const { dimensions, maxLength } = await readModelShape(dir, smallest);
  return {
    kind: 'encoder',
    dimensions,
    pooling: 'mean',
    normalize: true,
    maxLength,
    dtypes,
    files: Object.fromEntries(files.map((f) => [f.path, { sha256: f.sha256, bytes: f.bytes }])),
    source,
    ...(license ? { license } : {}),
    ...(have.has('README.md') ? { card: `${name}/README.md` } : {}),
  };
}

async function checkNameFree(modelsDir: string, name: string, force: boolean): Promise<void> {
  if (RESERVED.has(name)) throw new ModelFileError(`"${name}" is a model that ships with Lede; pull under another --name`);
  const existing: ManifestModel | undefined = (await readManifestOrEmpty(modelsDir)).models[name];
  if (existing && !existing.source?.startsWith('hub:')) throw new ModelFileError(`"${name}" is a model that ships with Lede; pull under another --name`);
  if (existing && !force) throw new ModelFileError(`"${name}" is already installed (${existing.source}); pass --force to replace it`);
  // A directory the manifest does not know may be someone's work in progress: never replace it.
  if (!existing && existsSync(path.join(modelsDir, name))) throw new ModelFileError(`${path.join(modelsDir, name)} exists but is not in the manifest; move it away first`);
}

/**
 * One rename puts the complete model in place (a model being replaced is moved aside first); if registering
 * it fails, the previous state is restored, so the directory and the manifest never disagree.
 */
async function installModel(temp: string, target: string, register: () => Promise<void>): Promise<void> {
  const aside = `${path.join(path.dirname(target), `.old-${path.basename(target)}`)}-${randomBytes(4).toString('hex')}`;
  const replacing = await rename(target, aside).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  try {
    await rename(temp, target);
    await register();
  } catch (error) {
    await rm(target, { recursive: true, force: true });
    if (replacing) await rename(aside, target);
    throw error;
  }
  if (replacing) await rm(aside, { recursive: true, force: true });
}

/** Temporary directories of this name left behind by a killed process. */
async function removeStaleTemps(modelsDir: string, name: string): Promise<void> {
  const entries = await readdir(modelsDir);
  const stale = entries.filter((e) => e.startsWith(`.pull-${name}-`) || e.startsWith(`.old-${name}-`));
  await Promise.all(stale.map((e) => rm(path.join(modelsDir, e), { recursive: true, force: true })));
}
