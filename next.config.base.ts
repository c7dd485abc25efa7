import type { NextConfig } from 'next';

const dev = process.env.NODE_ENV === 'development';

/**
 * Everything both apps serve comes from their own origin. Next's pages carry inline bootstrap scripts, hence
 * 'unsafe-inline' for scripts (nonces would make every page dynamic); dev mode adds eval and its websocket.
 * `frame-ancestors 'none'` and X-Frame-Options stop clickjacking of Promote, Roll back or Delete account.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), interest-cohort=()' },
];

/** The Next.js configuration both apps (reader, admin) share; each app's next.config.ts adds its env check. */
export const baseNextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  headers: () => Promise.resolve([{ source: '/:path*', headers: securityHeaders }]),
  // Workspace packages are TypeScript sources compiled by Next.
  transpilePackages: ['@lede/api', '@lede/db', '@lede/domain', '@lede/ranking', '@lede/ui'],
  // Native and server-only packages stay out of the bundle and load from node_modules at run time.
  serverExternalPackages: [
    'better-sqlite3',
    '@prisma/adapter-better-sqlite3',
    '@prisma/client',
    'pg',
    '@prisma/adapter-pg',
    '@node-rs/argon2',
    'onnxruntime-node',
    'usearch',
    '@huggingface/transformers',
    'sharp',
    'bullmq',
    'ioredis',
  ],
  // Built with webpack (`next build --webpack`) for this parser rule: the encoder finds onnxruntime-node with
  // createRequire(import.meta.url), which webpack would turn into a bundled module id; leave it to Node (the
  // package itself is external). The reader embeds search queries in its server.
  webpack: (webpackConfig: { module?: { rules?: unknown[] } }) => {
    webpackConfig.module ??= {};
    webpackConfig.module.rules ??= [];
    webpackConfig.module.rules.push({ test: /packages[\\/]ranking[\\/]src[\\/]encoder[\\/]/, parser: { createRequire: false } });
    return webpackConfig;
  },
};
