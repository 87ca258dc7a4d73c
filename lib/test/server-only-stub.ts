// Vitest stand-in for the `server-only` package (aliased in vitest.config.ts). The real one
// throws unless a React Server Components bundler resolves it, and tests run in plain Node.
export {};
