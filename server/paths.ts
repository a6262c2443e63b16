import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root, so tools work from any working directory. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const fromRoot = (...parts: string[]) => path.resolve(projectRoot, ...parts);
