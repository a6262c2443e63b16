import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fromState } from '../paths.js';
import { roleSchema, type Role } from './roles.js';

/** The users file in the state folder (STATE_DIR/users.json). */
export const usersFile = () => fromState('users.json');

/**
 * The team's accounts, in one small JSON file under the state folder (STATE_DIR/users.json).
 * A token is 256 random bits shown once; the file keeps only its SHA-256 — a guess of 2^256 needs
 * no slow hash — so a copy of the file signs nobody in. Written whole to a temporary file and
 * renamed, so a crash leaves the old file or the new one, never half of one. Re-read when
 * another process (`npm run users`) changed it, so a new user needs no restart.
 */
export const MAX_USERS = 500;
export const userName = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[^\s,;"'<>\p{C}]+$/u, 'no spaces, commas, quotes, angle brackets or control characters (an e-mail address or a login name)');
const userSchema = z.object({
  name: userName,
  role: roleSchema,
  /** Hex SHA-256 of the token. */
  tokenHash: z.string().regex(/^[a-f0-9]{64}$/),
  created: z.string(),
});
const fileSchema = z.object({ users: z.array(userSchema).max(MAX_USERS) });
export type User = z.infer<typeof userSchema>;
export type PublicUser = Omit<User, 'tokenHash'>;

export class UserStoreError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_PREFIX = 'pgu_';
const hashOf = (token: string) => createHash('sha256').update(token).digest();

export class UserStore {
  #users: User[] = [];
  #stamp = '';

  constructor(readonly file: string) {}

  /** No users: single-user use, as before accounts existed. */
  configured(): boolean {
    return this.#read().length > 0;
  }

  list(): PublicUser[] {
    return this.#read().map(({ tokenHash: _, ...u }) => u);
  }

  find(name: string): PublicUser | undefined {
    return this.list().find((u) => u.name.toLowerCase() === name.toLowerCase());
  }

  /** The user whose token this is; compares every stored hash in constant time. */
  verify(token: string): PublicUser | undefined {
    const presented = hashOf(token);
    let found: User | undefined;
    for (const u of this.#read()) if (timingSafeEqual(presented, Buffer.from(u.tokenHash, 'hex'))) found = u;
    if (!found) return undefined;
    const { tokenHash: _, ...user } = found;
    return user;
  }

  /** Adds a user and returns their token: the only time it exists in clear. */
  add(name: string, role: Role): { user: PublicUser; token: string } {
    const parsed = userName.safeParse(name);
    if (!parsed.success) throw new UserStoreError(400, `User name "${name}": ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
    const users = this.#read();
    if (users.some((u) => u.name.toLowerCase() === parsed.data.toLowerCase())) {
      throw new UserStoreError(409, `There is already a user "${parsed.data}". Revoke it first to issue a new token.`);
    }
    if (users.length >= MAX_USERS) throw new UserStoreError(507, `The users file holds its maximum of ${MAX_USERS} users; revoke some first.`);
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const user: User = { name: parsed.data, role, tokenHash: hashOf(token).toString('hex'), created: new Date().toISOString() };
    this.#write([...users, user]);
    const { tokenHash: _, ...shown } = user;
    return { user: shown, token };
  }

  /** Removes a user; their token stops working at the next request. */
  revoke(name: string): PublicUser {
    const users = this.#read();
    const gone = users.find((u) => u.name.toLowerCase() === name.toLowerCase());
    if (!gone) throw new UserStoreError(404, `No user "${name}". \`npm run users -- list\` shows who there is.`);
    this.#write(users.filter((u) => u !== gone));
    const { tokenHash: _, ...shown } = gone;
    return shown;
  }

  #read(): User[] {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(this.file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return (this.#users = []);
      throw err;
    }
    const stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    if (stamp === this.#stamp) return this.#users;
    if (stat.size > MAX_USERS * 1024) throw new UserStoreError(500, `${this.file} is larger than any users file this app writes; restore it from a backup.`);
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch (err) {
      throw new UserStoreError(500, `${this.file} is not JSON (${(err as Error).message}); restore it from a backup or delete it and add the users again.`);
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UserStoreError(500, `${this.file}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}; fix that entry or revoke and add the user again.`);
    }
    this.#stamp = stamp;
    return (this.#users = parsed.data.users);
  }

  #write(users: User[]): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify({ users }, null, 1)}\n`, { mode: 0o600 });
    fs.renameSync(tmp, this.file);
    this.#stamp = '';
  }
}
