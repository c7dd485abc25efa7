// The import rules of ARCHITECTURE.md are lint rules (eslint.import-rules.js): a wrong import must fail lint.
// The snippets are linted with the rules alone (no type information, so each takes milliseconds), and the
// repository's eslint.config.js is checked to apply the same rules to real files.
import path from 'node:path';

import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import { repoRoot } from '@lede/db';

// A plain JavaScript module (eslint.config.js imports it), typed here by hand.
const { envRuleConfig, importRuleConfigs } = (await import(path.join(repoRoot, 'eslint.import-rules.js'))) as {
  envRuleConfig: Linter.Config;
  importRuleConfigs: () => Linter.Config[];
};

const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'] }, tseslint.configs.base, ...importRuleConfigs(), envRuleConfig],
});

async function lintSnippet(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import rules', () => {
  it.each([
    ['packages/ranking/src/snippet.ts', "import { getDb } from '@lede/db';"],
    ['packages/db/src/snippet.ts', "import { rankCandidates } from '@lede/ranking';"],
    ['packages/ui/src/snippet.ts', "import { appRouter } from '@lede/api';"],
    ['packages/domain/src/feed/snippet.ts', "import { appRouter } from '@lede/api';"],
    ['packages/domain/src/feed/snippet.ts', "import { TRPCError } from '@trpc/server';"],
    ['packages/api/src/routers/snippet.ts', "import { rankCandidates } from '@lede/ranking';"],
    ['packages/api/src/routers/snippet.ts', "import { getDb } from '@lede/db';"],
    ['apps/reader/src/app/snippet.ts', "import { listFeed } from '@lede/domain/feed';"],
    ['apps/admin/src/app/snippet.ts', "import { createDb } from '@lede/db';"],
    ['apps/worker/src/snippet.ts', "import { appRouter } from '@lede/api';"],
    ['apps/worker/src/snippet.ts', "import { x } from '../../../packages/domain/src/feed/list';"],
  ])('%s: %s fails lint', async (file, code) => {
    const messages = await lintSnippet(file, `${code}\nexport const y = 1;\n`);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^@typescript-eslint\/no-restricted-imports: /);
  });

  it.each([
    ['packages/api/src/routers/snippet.ts', "import { listFeed } from '@lede/domain/feed';\nimport { type Db } from '@lede/db';"],
    ['apps/reader/src/app/snippet.ts', "import { type TFeedPage } from '@lede/domain/feed';\nimport { appRouter } from '@lede/api';"],
    ['apps/worker/src/snippet.ts', "import { getDb } from '@lede/db';\nimport { rankCandidates } from '@lede/ranking';"],
    ['packages/domain/src/feed/snippet.ts', "import { getDb } from '@lede/db';\nimport { rankCandidates } from '@lede/ranking';"],
    ['packages/api/src/routers/snippet.test.ts', "import { createTestDb } from '@lede/db/testing';\nimport { vectorToBytes } from '@lede/ranking';"],
  ])('%s: allowed imports pass', async (file, code) => {
    expect(await lintSnippet(file, `${code}\nexport const y = 1;\n`)).toEqual([]);
  });

  it('reads process.env only in env modules and tests', async () => {
    const code = 'export const url = process.env.DATABASE_URL;\n';
    expect(await lintSnippet('packages/domain/src/feed/snippet.ts', code)).toEqual([
      expect.stringMatching(/^no-restricted-properties: /) as string,
    ]);
    expect(await lintSnippet('packages/domain/src/shared/env.ts', code)).toEqual([]);
    expect(await lintSnippet('packages/domain/src/feed/snippet.test.ts', code)).toEqual([]);
  });

  it("applies in the repository's eslint.config.js", async () => {
    const config = (await new ESLint({ cwd: repoRoot }).calculateConfigForFile(path.join(repoRoot, 'packages/ranking/src/index.ts'))) as {
      rules: Record<string, unknown>;
    };
    expect(config.rules['@typescript-eslint/no-restricted-imports']).toBeDefined();
    expect(config.rules['no-restricted-properties']).toBeDefined();
  });
});
