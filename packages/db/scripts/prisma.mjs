#!/usr/bin/env node
// Prisma's CLI downloads a native schema engine before every command, which fails offline. Lede runs the
// official WebAssembly build of that engine (@prisma/schema-engine-wasm) through the same driver adapters the
// app uses, and only calls the CLI for `generate`, which never needs the engine.
//
//   node scripts/prisma.mjs generate              both clients (SQLite + PostgreSQL)
//   node scripts/prisma.mjs migrate [deploy]      apply pending migrations to DATABASE_URL
//   node scripts/prisma.mjs migrate create NAME   write a migration for each provider from the schema change
//   node scripts/prisma.mjs migrate status        list applied / pending migrations
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const prismaDir = path.join(root, 'prisma');
const SNAPSHOT = 'schema.snapshot.prisma';

const providers = {
  sqlite: { schema: path.join(prismaDir, 'schema.prisma'), migrations: path.join(prismaDir, 'migrations') },
  postgresql: {
    schema: path.join(prismaDir, 'postgres', 'schema.prisma'),
    migrations: path.join(prismaDir, 'postgres', 'migrations'),
  },
};

export function defaultSqliteUrl() {
  return `file:${path.join(path.resolve(root, process.env.LEDE_DATA_DIR || 'data'), 'lede.db')}`;
}

export function providerOf(url) {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  if (url.startsWith('file:')) return 'sqlite';
  throw new Error(`DATABASE_URL must be file:… (SQLite) or postgresql://…, got "${url}"`);
}

/** The PostgreSQL schema is derived from the SQLite one so the two can never drift apart. */
function writePostgresSchema() {
  const src = fs.readFileSync(providers.sqlite.schema, 'utf8');
  const derived = src
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('"../packages/db/src/generated/sqlite"', '"../../packages/db/src/generated/postgresql"');
  if (derived === src) throw new Error('prisma/schema.prisma: could not derive the PostgreSQL schema');
  fs.mkdirSync(path.dirname(providers.postgresql.schema), { recursive: true });
  const header = '// GENERATED from prisma/schema.prisma by packages/db/scripts/prisma.mjs — edit that file instead.\n';
  fs.writeFileSync(providers.postgresql.schema, header + derived);
}

function generate() {
  writePostgresSchema();
  const stub = path.join(root, 'packages', 'db', 'scripts', 'no-schema-engine.sh');
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1', PRISMA_SCHEMA_ENGINE_BINARY: stub };
  const cli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
  for (const { schema } of Object.values(providers)) {
    execFileSync(process.execPath, [cli, 'generate', '--schema', schema], { stdio: 'inherit', env, cwd: root });
  }
}

let schemaEngineClass;
async function loadSchemaEngine() {
  // Instantiate once per process: a second instance replaces the first one's memory under it.
  if (schemaEngineClass) return schemaEngineClass;
  // The package is built for bundlers (it imports its .wasm as a module); instantiate it by hand in Node.
  const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
  globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
    message: '',
    set_message(m) {
      this.message = `schema engine panic: ${m}`;
    },
  };
  const bg = await import(path.join(dir, 'schema_engine_bg.js'));
  const bytes = fs.readFileSync(path.join(dir, 'schema_engine_bg.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  schemaEngineClass = bg.SchemaEngine;
  return schemaEngineClass;
}

/** A driver adapter factory for the engine, remembering every connection it opens so they can be closed. */
async function adapterFactory(url) {
  const { bindMigrationAwareSqlAdapterFactory } = await import('@prisma/driver-adapter-utils');
  let factory;
  if (providerOf(url) === 'sqlite') {
    const { PrismaBetterSqlite3 } = await import('@prisma/adapter-better-sqlite3');
    const file = url.slice('file:'.length);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(root, file)), { recursive: true });
    factory = new PrismaBetterSqlite3({ url: file, timeout: 15_000 });
  } else {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    factory = new PrismaPg({ connectionString: url });
  }
  const opened = [];
  const track = (connect) => async () => {
    const adapter = await connect();
    opened.push(adapter);
    return adapter;
  };
  const tracked = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: track(() => factory.connect()),
    connectToShadowDb: track(() => factory.connectToShadowDb()),
  };
  // The engine does not close its connections when freed; an open SQLite handle would lock the file.
  const close = () => Promise.all(opened.splice(0).map((a) => a.dispose()));
  return { factory: bindMigrationAwareSqlAdapterFactory(tracked), close };
}

function readMigrations(dir) {
  const names = fs.existsSync(dir)
    ? fs.readdirSync(dir).filter((n) => fs.statSync(path.join(dir, n)).isDirectory()).sort()
    : [];
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: readOrNull(path.join(dir, 'migration_lock.toml')) },
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok', value: fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8') },
      },
    })),
    shadowDbInitScript: '',
  };
}

function readOrNull(file) {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
}

const noFilters = { externalTables: [], externalEnums: [] };

async function withEngine(url, schemaFile, fn) {
  const SchemaEngine = await loadSchemaEngine();
  const schema = fs.readFileSync(schemaFile, 'utf8');
  const { factory, close } = await adapterFactory(url);
  const engine = await SchemaEngine.new({ datamodels: [[path.basename(schemaFile), schema]] }, () => {}, factory);
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await close();
  }
}

/** Applies pending migrations; returns the names applied. Exported for the test helpers and setup. */
export async function migrateDeploy(url = process.env.DATABASE_URL || defaultSqliteUrl()) {
  const { schema, migrations } = providers[providerOf(url)];
  if (!fs.existsSync(schema)) writePostgresSchema();
  return withEngine(url, schema, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: readMigrations(migrations), filters: noFilters });
    return out.appliedMigrationNames;
  });
}

export async function migrateCreate(name) {
  if (!/^[a-z0-9_]+$/.test(name ?? '')) throw new Error('migrate create NAME: NAME in snake_case');
  writePostgresSchema();
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  for (const [provider, { schema, migrations }] of Object.entries(providers)) {
    const existing = readMigrations(migrations).migrationDirectories.map((d) => d.path);
    const last = existing.at(-1);
    const prev = last ? readOrNull(path.join(migrations, last, SNAPSHOT)) : null;
    const next = fs.readFileSync(schema, 'utf8');
    const url = provider === 'sqlite' ? 'file::memory:' : process.env.POSTGRES_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
    const sql = await withEngine(url, schema, async (engine) => {
      const to = { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: next }] };
      const from = prev ? { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: prev }] } : { tag: 'empty' };
      const res = await engine.diff({ from, to, script: true, exitCode: null, filters: noFilters });
      // The wasm engine renders SQLite JSON defaults unquoted (`DEFAULT {}`), which SQLite rejects.
      return provider === 'sqlite' ? res.stdout.replace(/DEFAULT (\{\}|\[\])/g, "DEFAULT '$1'") : res.stdout;
    });
    if (!sql.trim() || /empty migration/i.test(sql)) {
      console.log(`${provider}: schema unchanged, no migration written`);
      continue;
    }
    const dir = path.join(migrations, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'migration.sql'), sql);
    // The schema as of this migration: the next diff starts from it, so no shadow database is needed.
    fs.writeFileSync(path.join(dir, SNAPSHOT), next);
    fs.writeFileSync(
      path.join(migrations, 'migration_lock.toml'),
      `# Please do not edit this file manually\nprovider = "${provider}"\n`,
    );
    console.log(`${provider}: wrote ${path.relative(root, dir)}/migration.sql`);
  }
}

async function migrateStatus(url = process.env.DATABASE_URL || defaultSqliteUrl()) {
  const { schema, migrations } = providers[providerOf(url)];
  return withEngine(url, schema, async (engine) => {
    const out = await engine.diagnoseMigrationHistory({ migrationsList: readMigrations(migrations), optInToShadowDatabase: false, filters: noFilters });
    console.log(JSON.stringify(out, null, 2));
  });
}

async function main() {
  const [cmd, sub = 'deploy', arg] = process.argv.slice(2);
  if (cmd === 'generate') return generate();
  if (cmd === 'migrate' && sub === 'deploy') {
    const applied = await migrateDeploy();
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    return;
  }
  if (cmd === 'migrate' && sub === 'create') return migrateCreate(arg);
  if (cmd === 'migrate' && sub === 'status') return migrateStatus();
  console.error('usage: prisma.mjs generate | migrate [deploy|create NAME|status]');
  process.exit(2);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    if (globalThis.PRISMA_WASM_PANIC_REGISTRY?.message) console.error(globalThis.PRISMA_WASM_PANIC_REGISTRY.message);
    process.exit(1);
  });
}
