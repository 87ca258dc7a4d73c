// Client-safe values of lib/review (no database, no server-only): what client components may import.
export { LEVELS, cellLabel, decodeCell, levelCode } from "./cells";
export { asOfTime, type DataAge } from "./as-of";
export { nextPosition, type GridPosition } from "./grid-keys";
