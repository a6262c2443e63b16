import { Router } from 'express';
import { z } from 'zod';
import { noteRequest, noteSchema, noteTarget, NoteStoreError, type NoteStore } from '../../notes/store.js';
import { authorOf } from '../accounts/signIn.js';
import { HttpError } from '../errors.js';
import { body } from '../params.js';
import { formatIssues } from '../../issues.js';

export const noteQuery = z.object({ target: noteTarget });
export const noteListSchema = z.object({ notes: z.array(noteSchema) });

const guarded = <T>(work: () => T): T => {
  try {
    return work();
  } catch (err) {
    if (err instanceof NoteStoreError) throw new HttpError(err.status, err.message);
    throw err;
  }
};

/** GET /notes?target=…, POST /notes, DELETE /notes/:id (writes need the analyst role, set in app.ts). */
export function notesRouter(store: NoteStore): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const query = noteQuery.safeParse(req.query);
    if (!query.success) throw new HttpError(400, formatIssues(query.error.issues, { root: 'query' }));
    res.json(noteListSchema.parse({ notes: guarded(() => store.of(query.data.target)) }));
  });
  router.post('/', (req, res) => {
    const request = body(req, noteRequest);
    const note = guarded(() => store.add(request, authorOf(req)));
    res.locals.auditDetail = `note ${note.id} on ${note.target}`;
    res.status(201).json(noteSchema.parse(note));
  });
  router.delete('/:id', (req, res) => {
    const gone = guarded(() => store.remove(String(req.params.id)));
    res.locals.auditDetail = `note ${gone.id} on ${gone.target}`;
    res.json(noteSchema.parse(gone));
  });
  return router;
}
