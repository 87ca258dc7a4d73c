import "server-only";

// lib/iam's server-only part: the app's own configured clients, the connection status the banner
// shows, the check of what the app's identity may do, and the live-mode app policy (derived from lib/changes' ops table). Kept apart from the
// entry point (./index.ts) because the engine, the sync, tests and benchmarks import that one
// outside Next.js, where "server-only" cannot load.

export { iamClientOptions, iamClients } from "./client";
export { connectionStatus, type ConnectionStatus } from "./connection";
export { appPolicy, APP_READS } from "./app-policy";
export { managementPolicy, MEMBER_ROLE_NAME, ORGANIZATION_READS } from "./management-policy";
export { checkAppPermissions, type PermissionCheck, type StatementCheck } from "./permission-check";
