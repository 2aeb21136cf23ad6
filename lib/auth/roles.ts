import { z } from 'zod';

export const ROLES = ['fleet', 'security', 'platform', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Who is asking: a person signed in, or a machine client with an API token. */
export const identitySchema = z.object({
  name: z.string().min(1).max(128),
  role: roleSchema,
  via: z.enum(['session', 'token']),
});
export type Identity = z.infer<typeof identitySchema>;
