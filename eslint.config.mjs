// Lint enforces the layering of ../shared/STYLE.md: imports point one way
// (main → server → graph → {upstream, cache, auth}), only upstream/ imports the AWS SDK,
// and the emulator is self-contained.
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';

const sdk = ['@aws-sdk/*', '@aws-sdk/**', '@smithy/*', '@smithy/**'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'src/__generated__/**', 'src/emulator/__generated__/**', 'coverage/**', 'bench/results/**', 'clients/typescript/src/__generated__/**', 'examples/frontend/dist/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { import: importPlugin },
    // Relative .ts imports resolve with the node resolver; zones compare resolved paths.
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.js', '.json'] } } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'No `export *`: export names explicitly.' }],
      'import/no-restricted-paths': ['error', {
        zones: [
          { target: './src/emulator', from: ['./src/server', './src/graph', './src/upstream', './src/cache', './src/auth', './src/observability', './src/main.ts', './src/config.ts'],
            message: 'The emulator is self-contained: it never imports gateway code.' },
          { target: ['./src/graph', './src/upstream', './src/cache', './src/auth'], from: ['./src/server', './src/main.ts'],
            message: 'Imports point one way: main → server → graph → {upstream, cache, auth}.' },
          { target: ['./src/upstream', './src/cache', './src/auth'], from: './src/graph',
            message: 'upstream/, cache/ and auth/ sit below graph/.' },
          { target: ['./src/graph', './src/upstream', './src/cache', './src/auth'], from: './src/observability',
            message: 'observability/ is imported by server/ and main.ts only: upstream/ and cache/ report through their observer interfaces (telemetry.ts).' },
          { target: './src/observability', from: ['./src/server', './src/main.ts'],
            message: 'observability/ sits below server/: the server calls it, never the other way.' },
          { target: './src/auth', from: './src/emulator',
            message: 'auth/ is pure policy logic: it never imports the emulator (not even its entry point).' },
          { target: ['./src/server', './src/graph', './src/upstream', './src/cache', './src/auth', './src/main.ts', './src/config.ts'], from: './src/emulator',
            except: ['./createEmulatorServer.ts', './index.ts'],
            message: 'The gateway reaches the emulator only through its entry point.' },
          { target: './src/supervisor', from: ['./src/server', './src/graph', './src/upstream', './src/cache', './src/auth', './src/observability', './src/main.ts'],
            message: 'The supervisor (the cluster primary) builds no part of the gateway: its workers do, through main.ts.' },
          { target: './clients', from: ['./src', './test', './scripts', './bench', './examples'],
            message: 'clients/ holds packages of their own: they reach the gateway over HTTP only, never its code.' },
          { target: './examples/nightly-kpi-report', from: ['./src', './test', './scripts', './bench', './clients'],
            message: 'The example service uses the gateway through @pinpoint-graph/client only, as a service outside this repository would.' },
        ],
      }],
    },
  },
  {
    files: ['src/server/**/*.ts', 'src/graph/**/*.ts', 'src/cache/**/*.ts', 'src/auth/**/*.ts', 'src/observability/**/*.ts', 'src/main.ts', 'src/config.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: sdk, message: 'Only src/upstream/ imports the AWS SDK.', allowTypeImports: false }],
      }],
    },
  },
  {
    // The frontend example runs in a browser and is meant to be copied out of this repository, so
    // it imports npm packages and its own files only. Browser globals need no list here: no-undef is
    // off for TypeScript, and its tsconfig.json (DOM lib) checks every name.
    files: ['examples/frontend/src/**/*.ts', 'examples/frontend/src/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'No `export *`: export names explicitly.' }],
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^node:', message: 'Browser code: no Node.js built-ins.' },
          { regex: '^\\.\\./', message: 'The frontend example imports nothing outside examples/frontend/src (it must stay copyable).' },
        ],
      }],
    },
  },
);
