import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { labelOfId } from '../graph/model.js';
import { fromState } from '../paths.js';
import { wellFormedString } from '../wellFormed.js';

/** The notes file in the state folder (STATE_DIR/notes.json). */
export const notesFile = () => fromState('notes.json');

/**
 * Analysts' short notes on a node or a saved view ("checked against the gov.cn text"). Kept
 * beside the views in the state folder (STATE_DIR/notes.json), never in Neo4j: the graph holds
 * only what the briefs say. Bounded in count and length, written whole and renamed, so a crash
 * leaves the old file or the new one.
 */
export const MAX_NOTES = 10_000;
export const MAX_NOTE_CHARS = 500;

/** A node id (agency:MIIT) or a saved view (view:Ab3_x9-kQ2mN). */
export const noteTarget = z
  .string()
  .trim()
  .min(3)
  .max(300)
  .refine((t) => /^view:[A-Za-z0-9_-]{12}$/.test(t) || !!labelOfId(t), 'expected a node id (agency:MIIT) or a saved view (view:<id>)');
export const noteRequest = z.object({
  target: noteTarget,
  text: wellFormedString().trim().min(1).max(MAX_NOTE_CHARS),
});
export const noteSchema = noteRequest.extend({
  id: z.string(),
  at: z.string(),
  author: z.string().optional(),
});
export type Note = z.infer<typeof noteSchema>;

export class NoteStoreError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class NoteStore {
  #notes: Note[] | undefined;

  constructor(readonly file: string) {}

  of(target: string): Note[] {
    return this.#read().filter((n) => n.target === target);
  }

  add(request: z.infer<typeof noteRequest>, author?: string): Note {
    const notes = this.#read();
    if (notes.length >= MAX_NOTES) throw new NoteStoreError(507, `The notes file holds its maximum of ${MAX_NOTES} notes; an admin deletes old ones.`);
    const note: Note = { id: randomBytes(6).toString('base64url'), at: new Date().toISOString(), ...request, ...(author ? { author } : {}) };
    this.#write([...notes, note]);
    return note;
  }

  /** Changes with every note added or removed (the report cache's key). */
  version(): string {
    const notes = this.#read();
    return `${notes.length}:${notes.at(-1)?.id ?? ''}`;
  }

  remove(id: string): Note {
    const notes = this.#read();
    const gone = notes.find((n) => n.id === id);
    if (!gone) throw new NoteStoreError(404, `No note "${id}".`);
    this.#write(notes.filter((n) => n !== gone));
    return gone;
  }

  #read(): Note[] {
    if (this.#notes) return this.#notes;
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return (this.#notes = []);
      throw err;
    }
    const parsed = z.object({ notes: z.array(noteSchema) }).safeParse(JSON.parse(text));
    if (!parsed.success) throw new NoteStoreError(500, `${this.file} is damaged (${parsed.error.issues[0]?.message ?? ''}); restore it from a backup.`);
    return (this.#notes = parsed.data.notes);
  }

  #write(notes: Note[]): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify({ notes })}\n`);
    fs.renameSync(tmp, this.file);
    this.#notes = notes;
  }
}
