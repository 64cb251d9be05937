import type { Config } from 'jest';

/** Tests run over real HTTP and real Redis; ts-jest only transpiles (typecheck is its own npm step). */
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFiles: ['<rootDir>/test/setup/env.ts'],
  // After each test file: fails it on a redundant upstream call (test/setup/redundantCalls.ts).
  setupFilesAfterEnv: ['<rootDir>/test/setup/redundantCalls.ts'],
  testTimeout: 30_000,
  maxWorkers: '100%',
};

export default config;
