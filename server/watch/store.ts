import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { watchListIdSchema, watchListSchema, type WatchList, type WatchListInput } from './schema.js';

export interface WatchLimits {
  maxLists: number;
}
export const defaultWatchLimits: Readonly<WatchLimits> = Object.freeze({
  /** A list is at most 200 ids (about 10 kB), so 2,000 lists stay under 20 MB in memory. */
  maxLists: 2000,
});

/** A refusal the router answers with its status. */
export class WatchStoreError extends Error {
  constructor(
    readonly status: 404 | 409 | 507,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Watch-lists as small JSON files under `.data/watchlists/` (never in Neo4j: the graph holds only
 * what the briefs say), all kept in memory after the first read: a list is a few kB. Each write
 * replaces one file whole (written then renamed), so a reader never sees half a list.
 */
export class WatchStore {
  readonly limits: WatchLimits;
  #loaded: Promise<Map<string, WatchList>> | undefined;

  constructor(
    readonly dir: string,
    limits: Partial<WatchLimits> = {},
  ) {
    this.limits = { ...defaultWatchLimits, ...limits };
  }

  async list(): Promise<WatchList[]> {
    return [...(await this.#load()).values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(id: string): Promise<WatchList | undefined> {
    return (await this.#load()).get(id);
  }

  /** By id, or else by name (the digest's --watch takes either). */
  async find(key: string): Promise<WatchList | undefined> {
    const all = await this.#load();
    return all.get(key) ?? [...all.values()].find((l) => l.name.toLowerCase() === key.toLowerCase());
  }

  async create(input: WatchListInput): Promise<WatchList> {
    const all = await this.#load();
    if (all.size >= this.limits.maxLists) {
      throw new WatchStoreError(
        507,
        `The watch-list store is full (${this.limits.maxLists} lists). Delete lists you no longer follow (DELETE /api/watchlists/{id}).`,
      );
    }
    if ([...all.values()].some((l) => l.name.toLowerCase() === input.name.toLowerCase())) {
      throw new WatchStoreError(409, `name: a watch-list called "${input.name}" exists already; choose another name or edit that one.`);
    }
    const now = new Date().toISOString();
    const list = watchListSchema.parse({
      ...input,
      entities: [...new Set(input.entities)],
      id: randomBytes(9).toString('base64url'),
      created: now,
      updated: now,
    });
    all.set(list.id, list);
    await this.#write(list).catch((err: unknown) => {
      all.delete(list.id);
      throw err;
    });
    return list;
  }

  async update(id: string, input: WatchListInput): Promise<WatchList> {
    const all = await this.#load();
    const old = all.get(id);
    if (!old) throw new WatchStoreError(404, `No watch-list "${id}".`);
    if ([...all.values()].some((l) => l.id !== id && l.name.toLowerCase() === input.name.toLowerCase())) {
      throw new WatchStoreError(409, `name: a watch-list called "${input.name}" exists already; choose another name.`);
    }
    const list = watchListSchema.parse({ ...old, ...input, entities: [...new Set(input.entities)], updated: new Date().toISOString() });
    await this.#write(list);
    all.set(id, list);
    return list;
  }

  async remove(id: string): Promise<boolean> {
    const all = await this.#load();
    if (!all.has(id)) return false;
    await fs.promises.rm(this.#file(id), { force: true });
    all.delete(id);
    return true;
  }

  async #write(list: WatchList): Promise<void> {
    await fs.promises.mkdir(this.dir, { recursive: true });
    const file = this.#file(list.id);
    await fs.promises.writeFile(`${file}.tmp`, JSON.stringify(list));
    await fs.promises.rename(`${file}.tmp`, file);
  }

  #load(): Promise<Map<string, WatchList>> {
    this.#loaded ??= this.#read().catch((err: unknown) => {
      this.#loaded = undefined;
      throw err;
    });
    return this.#loaded;
  }

  async #read(): Promise<Map<string, WatchList>> {
    const names = await fs.promises.readdir(this.dir).catch(() => [] as string[]);
    const out = new Map<string, WatchList>();
    for (const f of names) {
      if (!f.endsWith('.json') || !watchListIdSchema.safeParse(f.slice(0, -5)).success) continue;
      try {
        const list = watchListSchema.safeParse(JSON.parse(await fs.promises.readFile(path.join(this.dir, f), 'utf8')));
        if (list.success) out.set(list.data.id, list.data);
      } catch {
        // a file edited by hand into bad JSON is left alone, not loaded
      }
    }
    return out;
  }

  #file(id: string) {
    return path.join(this.dir, `${id}.json`);
  }
}
