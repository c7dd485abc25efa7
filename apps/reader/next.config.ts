import type { NextConfig } from 'next';

import './src/env';

const config: NextConfig = {
  reactStrictMode: true,
  // Workspace packages are TypeScript sources compiled by Next.
  transpilePackages: ['@lede/api', '@lede/db', '@lede/ranking', '@lede/ui'],
  // Native and server-only packages stay out of the bundle and load from node_modules at run time.
  serverExternalPackages: [
    'better-sqlite3',
    '@prisma/adapter-better-sqlite3',
    '@prisma/client',
    'pg',
    '@prisma/adapter-pg',
    '@node-rs/argon2',
    'onnxruntime-node',
    '@huggingface/transformers',
    'sharp',
    'bullmq',
    'ioredis',
  ],
  // Built with webpack (`next build --webpack`): packages/ranking imports its TypeScript modules with `.js`
  // suffixes (NodeNext style), which Turbopack cannot map back to `.ts` yet (vercel/next.js#82945).
  webpack: (webpackConfig: {
    resolve?: { extensionAlias?: Record<string, string[]> };
    module?: { rules?: unknown[] };
  }) => {
    webpackConfig.resolve ??= {};
    webpackConfig.resolve.extensionAlias = { '.js': ['.ts', '.tsx', '.js'], '.mjs': ['.mts', '.mjs'] };
    // Search embeds queries in this server: the encoder finds onnxruntime-node with createRequire(import.meta.url),
    // which webpack would turn into a bundled module id; leave it to Node (the package itself is external).
    webpackConfig.module ??= {};
    webpackConfig.module.rules ??= [];
    webpackConfig.module.rules.push({ test: /packages[\\/]ranking[\\/]src[\\/]encoder[\\/]/, parser: { createRequire: false } });
    return webpackConfig;
  },
};

export default config;
