// Client-safe values of lib/team (no database, no server-only): what client components may import.
export { COOLING_OFF_DAYS } from "./cooling-off";
