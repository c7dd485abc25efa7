// @ts-check
// The package import rules and the env rule, apart from eslint.config.js so import-rules.test.ts can run them on
// snippets without type information.
/**
 * Import rules (ARCHITECTURE.md, "Allowed imports"): which internal packages each package may import. Type-only
 * imports are allowed where ARCHITECTURE.md says "types only". Tests and test helpers may also build fixtures with
 * @lede/db (values, including @lede/db/testing) and @lede/ranking; see testFiles below.
 */
export const internal = ['@lede/api', '@lede/ui', '@lede/domain', '@lede/db', '@lede/ranking', '@lede/worker'];
const importRules = [
  { files: ['apps/reader/**', 'apps/admin/**'], allow: ['@lede/api', '@lede/ui'], typesOnly: ['@lede/domain', '@lede/db'] },
  { files: ['packages/api/**'], allow: ['@lede/domain'], typesOnly: ['@lede/db'] },
  { files: ['apps/worker/**'], allow: ['@lede/domain', '@lede/db', '@lede/ranking'], typesOnly: [] },
  { files: ['packages/domain/**'], allow: ['@lede/db', '@lede/ranking'], typesOnly: [], extra: ['@trpc/*'] },
  { files: ['packages/ranking/**', 'packages/db/**', 'packages/ui/**'], allow: [], typesOnly: [] },
];
export const testFiles = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', '**/testing.ts', '**/test-helpers.ts', '**/test-fixtures.ts'];
const testAllowed = ['@lede/db', '@lede/ranking'];

/** `no-restricted-imports` patterns forbidding every internal package but `allow` (and reaching into another package by path). */
function restrictedPatterns(forbidden, allowTypeImports, message) {
  return forbidden.length === 0
    ? []
    : [{ group: forbidden.flatMap((name) => [name, `${name}/*`]), allowTypeImports, message }];
}

export function importRuleConfigs() {
  return importRules.flatMap(({ files, allow, typesOnly, extra = [] }) => {
    const rule = (extraAllowed) => {
      const forbidden = internal.filter((name) => !allow.includes(name) && !typesOnly.includes(name) && !extraAllowed.includes(name));
      const types = typesOnly.filter((name) => !extraAllowed.includes(name));
      return [
        'error',
        {
          patterns: [
            ...restrictedPatterns(forbidden, false, `${files[0]} may import only ${[...allow, ...extraAllowed].join(', ') || 'no internal package'} (ARCHITECTURE.md, "Allowed imports")`),
            ...restrictedPatterns(types, true, `${files[0]} may import only types from ${types.join(', ')} (ARCHITECTURE.md, "Allowed imports")`),
            ...restrictedPatterns(extra, false, `${files[0]} must not depend on ${extra.join(', ')}`),
            { group: ['**/packages/**', '**/apps/**'], message: 'import another package by its name (@lede/...), not by path' },
          ],
        },
      ];
    };
    return [
      { files, rules: { '@typescript-eslint/no-restricted-imports': rule([]) } },
      { files: files.flatMap((f) => testFiles.map((t) => `${f.replace(/\/\*\*$/, '')}/${t}`)), rules: { '@typescript-eslint/no-restricted-imports': rule(testAllowed) } },
    ];
  });
}

export const envRuleConfig = {
  // Configuration comes from one zod-validated env module per package (ARCHITECTURE.md); tests set it directly.
  files: ['**/*.ts', '**/*.tsx'],
  ignores: ['**/env.ts', ...testFiles],
  rules: {
    'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'read configuration through the package\'s env module (src/env.ts)' }],
  },
};
