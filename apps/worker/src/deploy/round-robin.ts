// The front of the scale deployment: one port that hands each request to the next reader process in turn, as
// a load balancer without sticky sessions would (nginx's default upstream, a cloud balancer). A production
// deployment puts its own balancer there; this one lets a single machine run the layout with nothing else.
import http from 'node:http';

import { SECOND_MS } from '@lede/domain/shared';

/** How long a backend that refused a connection is skipped. */
const DOWN_MS = 5 * SECOND_MS;

export interface RoundRobinProxy {
  server: http.Server;
  /** Requests handed to each backend port, in order of `ports`. */
  served(): number[];
}

/**
 * Proxies every request to 127.0.0.1 at the next of `ports`. Headers pass unchanged (the apps check Origin
 * against Host), plus the client's address appended to X-Forwarded-For, which the apps read for per-address
 * limits. A backend that refuses connections is skipped for a few seconds; a request without a body that hit
 * it is retried on the next one, so restarting one reader process drops no page loads.
 */
export function createRoundRobinProxy(ports: readonly number[]): RoundRobinProxy {
  const agent = new http.Agent({ keepAlive: true });
  const downUntil = ports.map(() => 0);
  const counts = ports.map(() => 0);
  let next = 0;

  const pick = (): number => {
    const now = Date.now();
    for (let tried = 0; tried < ports.length; tried++) {
      const i = next++ % ports.length;
      if (downUntil[i]! <= now) return i;
    }
    return next++ % ports.length;
  };

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, attemptsLeft: number) => {
    const i = pick();
    counts[i]!++;
    const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const upstream = http.request(
      { host: '127.0.0.1', port: ports[i], method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-for': forwardedFor }, agent },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') downUntil[i] = Date.now() + DOWN_MS;
      const bodiless = req.method === 'GET' || req.method === 'HEAD';
      if (err.code === 'ECONNREFUSED' && bodiless && attemptsLeft > 0 && !res.headersSent) return forward(req, res, attemptsLeft - 1);
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`reader process on port ${ports[i]} failed: ${err.message}`);
    });
    req.pipe(upstream);
  };

  const server = http.createServer((req, res) => forward(req, res, ports.length - 1));
  server.on('close', () => agent.destroy());
  return { server, served: () => [...counts] };
}
