import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The engine and the server know nothing of terminals: they never import Ink or React.
    files: ['src/engine/**', 'src/server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['ink', 'ink-*', '@alcalzone/ink-table', 'react', '../tui/*', '../cli/*'] },
      ],
    },
  },
  {
    // Entry points, benchmarks and tests may print.
    files: ['src/cli/**', 'bench/**', 'test/**', 'bin/**'],
    rules: { 'no-console': 'off' },
  },
);
