import type { NextConfig } from 'next';

/** The Next.js configuration both apps (reader, admin) share; each app's next.config.ts adds its env check. */
export const baseNextConfig: NextConfig = {
  reactStrictMode: true,
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
