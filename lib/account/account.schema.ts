import { z } from "zod";

// Lengths are checked by the password rule (lib/auth/password-policy.ts) with clearer words;
// the caps here only stop absurd inputs before any hashing.
export const changePasswordSchema = z.object({
  current: z.string().min(1, "Enter your current password").max(1024, "At most 1,024 characters"),
  next: z.string().min(1, "Enter a new password").max(1024, "At most 1,024 characters"),
});

export const endSessionSchema = z.object({ sessionId: z.string().min(1).max(64) });

export const endOtherSessionsSchema = z.object({});
