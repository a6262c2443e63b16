import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root, so tools work from any working directory. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const fromRoot = (...parts: string[]) => path.resolve(projectRoot, ...parts);
/** A path in the app's state folder (STATE_DIR, default .data: views, history, watch-lists, users, …), read when called so .env has been loaded. */
export const fromState = (...parts: string[]) => fromRoot(process.env.STATE_DIR || '.data', ...parts);
