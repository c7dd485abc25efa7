import http from 'node:http';
import { once } from 'node:events';
import { type AddressInfo } from 'node:net';

import { afterEach, describe, expect, it } from 'vitest';

import { createRoundRobinProxy } from './round-robin';

const servers: http.Server[] = [];

/** A backend that answers with its name, the Host it saw, X-Forwarded-For, and the body it received. */
async function backend(name: string): Promise<number> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': [`a=${name}`, 'b=2'] });
      res.end(JSON.stringify({ name, host: req.headers.host, xff: req.headers['x-forwarded-for'], body }));
    });
  });
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

async function listen(server: http.Server): Promise<string> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = http.createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

describe('createRoundRobinProxy', () => {
  it('hands requests to each backend in turn, passing Host, bodies and every Set-Cookie through', async () => {
    const ports = [await backend('one'), await backend('two')];
    const proxy = createRoundRobinProxy(ports);
    const url = await listen(proxy.server);
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${url}/x`, { method: 'POST', body: `n=${i}` });
      const json = (await res.json()) as { name: string; host: string; xff: string; body: string };
      names.push(json.name);
      // The Host the browser used (the front's), not the backend's own port: the apps check Origin against it.
      expect(json.host).toBe(new URL(url).host);
      expect(json.xff).toBe('127.0.0.1');
      expect(json.body).toBe(`n=${i}`);
      expect(res.headers.getSetCookie()).toEqual([`a=${json.name}`, 'b=2']);
    }
    expect(names).toEqual(['one', 'two', 'one', 'two']);
    expect(proxy.served()).toEqual([2, 2]);
  });

  it('retries a page load on the next process when one is down, and skips the dead one afterwards', async () => {
    const ports = [await closedPort(), await backend('alive')];
    const proxy = createRoundRobinProxy(ports);
    const url = await listen(proxy.server);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${url}/page`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as { name: string }).name).toBe('alive');
    }
    // One attempt on the dead port, then it is skipped while marked down.
    expect(proxy.served()[0]).toBe(1);
  });

  it('answers 502 for a request with a body that reached a dead process (it cannot be replayed safely)', async () => {
    const proxy = createRoundRobinProxy([await closedPort()]);
    const url = await listen(proxy.server);
    const res = await fetch(`${url}/api/trpc/events.log`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(502);
    expect(await res.text()).toMatch(/reader process on port \d+ failed/);
  });
});
