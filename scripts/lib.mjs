// Helpers shared by the setup, demo and test scripts. Plain Node: these run before dependencies exist.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Environment every child gets: no telemetry, no ONNX Runtime CUDA download at install. */
export const baseEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  TURBO_TELEMETRY_DISABLED: '1',
  CHECKPOINT_DISABLE: '1',
  ONNXRUNTIME_NODE_INSTALL: process.env.ONNXRUNTIME_NODE_INSTALL ?? 'skip',
  ONNXRUNTIME_NODE_INSTALL_CUDA: process.env.ONNXRUNTIME_NODE_INSTALL_CUDA ?? 'skip',
};

export function step(msg) {
  console.log(`\n\x1b[1m▶ ${msg}\x1b[0m`);
}

/** Runs a command, inheriting stdio; throws on a non-zero exit. */
export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...baseEnv, ...opts.env }, ...opts, env: { ...baseEnv, ...opts.env } });
  if (res.status !== 0) {
    const err = new Error(`${cmd} ${args.join(' ')} exited with ${res.status ?? res.signal}`);
    err.exitCode = res.status ?? 1;
    throw err;
  }
}

export function tryRun(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts, env: { ...baseEnv, ...opts.env } }).status === 0;
}

export function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export const bin = (name) => path.join(root, 'node_modules', '.bin', name);

export function portOpen(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/** Installs npm dependencies when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  const stale = !fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs;
  if (!stale) return;
  step('Installing npm dependencies (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

/** Debian packages the product or its tests need, installed once with apt when missing. */
export function ensureAptPackages(packages) {
  const missing = packages.filter(([, check]) => !fs.existsSync(check)).map(([pkg]) => pkg);
  if (!missing.length) return;
  step(`Installing Debian packages: ${missing.join(' ')}`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...args) => run(sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...args] : args, { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  apt('update', '-qq');
  apt('install', '-y', '-qq', '--no-install-recommends', ...missing);
}

/** Starts child processes with prefixed output; Ctrl-C (or any child dying) stops them all. */
export function startAll(procs) {
  const children = procs.map(({ name, cmd, args, env, color }) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...baseEnv, ...env }, detached: true });
    const prefix = `\x1b[${color}m${name.padEnd(7)}\x1b[0m│ `;
    for (const stream of [child.stdout, child.stderr]) {
      let buf = '';
      stream.on('data', (d) => {
        buf += d;
        const lines = buf.split('\n');
        buf = lines.pop();
        for (const l of lines) process.stdout.write(prefix + l + '\n');
      });
    }
    return { name, child };
  });
  let stopping = false;
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    for (const { child } of children) {
      // Each child leads its own process group: kill the group so `npm run`'s grandchildren stop too.
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {}
    }
    setTimeout(() => process.exit(code), 1500).unref();
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  for (const { name, child } of children) {
    child.on('exit', (code) => {
      if (!stopping) {
        console.error(`${name} exited (${code}); stopping the others`);
        stop(code || 1);
      }
    });
  }
  return { stop };
}
