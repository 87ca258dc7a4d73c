#!/bin/sh
# Stand-in for Prisma's native schema engine, used only by `npm run db:generate` when
# PRISMA_SCHEMA_ENGINE_BINARY is not set. Pointing the CLI at an existing executable stops it
# from downloading the native engine (unreachable offline); `prisma generate` only needs the
# WebAssembly bundled with the CLI. Anything that really needs the engine fails loudly here.
echo "schema-engine stub: the native Prisma schema engine is not installed; use npm run db:migrate / db:migrate:new (WebAssembly engine), see prisma/README.md" >&2
exit 1
