/**
 * How long a demoted or disabled admin still counts for the two-person rule (lib/team/quorum.ts).
 * A fixed window, not a setting: the admin it constrains must not be able to shorten it. Its own
 * file so the Team page (a client component) can name it without importing the database.
 */
export const COOLING_OFF_DAYS = 7;
