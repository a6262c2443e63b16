import { z } from 'zod';

/** Each role may do what the one before it may, and more. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_CAN: Record<Role, string> = {
  viewer: 'read everything (graph, reports, console, saved views, notes, corrections)',
  analyst: 'also make corrections, save views, keep watch-lists and write notes',
  admin: 'also import through the API, dump and load, and manage users',
};

export const atLeast = (role: Role, needed: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(needed);

/** Who made a request: a user of the users file, or (single-user use) nobody in particular. */
export interface SignedIn {
  name: string;
  role: Role;
  /** How they proved it: their token, the proxy's header, or the shared API_TOKEN. */
  via: 'token' | 'proxy' | 'api-token';
}
