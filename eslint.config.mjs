import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.next/', '.data/', 'infra/kafka/target/', 'test-results/', 'playwright-report/', 'next-env.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/order': [
        'error',
        {
          groups: ['builtin', 'external', 'internal', 'parent', 'sibling', 'index'],
          pathGroups: [{ pattern: '@/**', group: 'internal' }],
          'newlines-between': 'always',
          alphabetize: { order: 'asc', caseInsensitive: true },
        },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Command-line entry points talk to a person on the terminal.
    files: ['scripts/**', 'infra/**', 'bench/**', 'test/**', 'e2e/**', 'pipeline/simulator/scenario-cli.ts', '*.config.*'],
    rules: { 'no-console': 'off' },
  },
  // The layering of the architecture: the shared Kafka layer depends on no process, and the
  // simulator (with its scenario CLI) never on the BFF, so it runs with Kafka settings only.
  {
    files: ['platform/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/server/*', '@/pipeline/*', '@/app/*', '@/components/*', '**/server/*', '**/pipeline/*'],
              message: 'platform/ is shared by every process: it imports none of them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['pipeline/simulator/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/server/*', '**/server/*'], message: 'the simulator and scenario CLI import nothing of the BFF (use platform/).' }] },
      ],
    },
  },
  {
    files: ['next.config.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
