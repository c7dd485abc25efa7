// The multi-process layout on one machine (`npm run scale`): reader processes behind a round-robin front, the
// admin, and workers, all on one PostgreSQL database and one Redis. Nothing routes a reader to "their"
// process: the served log, caches and jobs are shared through Redis and the database (ARCHITECTURE.md,
// "Changes between processes" and "Feed logging"), and the browser suite runs against this layout in CI.
import { once } from 'node:events';

import { SECOND_MS } from '@lede/domain/shared';

import { type Proc, sleep, startApp, startWorker, stop, waitForHttp } from './procs';
import { createRoundRobinProxy, type RoundRobinProxy } from './round-robin';

export interface ScaleOptions {
  /** The port readers use: the round-robin front. Reader processes listen on readerPort + 10, + 11, … */
  readerPort: number;
  adminPort: number;
  readers: number;
  workers: number;
  /** Copies every process's output, prefixed with its name. */
  echo?: boolean;
}

export interface ScaleDeployment {
  procs: Proc[];
  proxy: RoundRobinProxy;
  backendPorts: number[];
  /** Resolves with the first process that exits on its own. */
  exited: Promise<Proc>;
  stop(): Promise<void>;
}

export async function startScaleDeployment(opts: ScaleOptions): Promise<ScaleDeployment> {
  const backendPorts = Array.from({ length: opts.readers }, (_, i) => opts.readerPort + 10 + i);
  const readers = backendPorts.map((port, i) => startApp('reader', port, {}, { name: `reader-${i + 1}`, echo: opts.echo }));
  const admin = startApp('admin', opts.adminPort, {}, { echo: opts.echo, public: true });
  const workers = Array.from({ length: opts.workers }, (_, i) => startWorker({}, { name: `worker-${i + 1}`, echo: opts.echo }));
  const procs = [...readers, admin, ...workers];
  const proxy = createRoundRobinProxy(backendPorts);
  const stopAll = async () => {
    proxy.server.close();
    await Promise.all(procs.map((p) => stop(p)));
  };
  try {
    await Promise.all([...readers, admin].map((p) => waitForHttp(p)));
    await Promise.all(workers.map((w) => waitForLog(w, /worker started/)));
    proxy.server.listen(opts.readerPort);
    await once(proxy.server, 'listening');
  } catch (err) {
    await stopAll();
    throw err;
  }
  const exited = Promise.race(procs.map((p) => once(p.child, 'exit').then(() => p)));
  return { procs, proxy, backendPorts, exited, stop: stopAll };
}

async function waitForLog(p: Proc, pattern: RegExp, timeoutMs = 120 * SECOND_MS): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!pattern.test(p.log.join(''))) {
    if (p.child.exitCode !== null) throw new Error(`${p.name} exited with ${p.child.exitCode}:\n${p.log.join('').slice(-2000)}`);
    if (Date.now() > until) throw new Error(`${p.name} did not start within ${timeoutMs / 1000} s:\n${p.log.join('').slice(-2000)}`);
    await sleep(200);
  }
}
