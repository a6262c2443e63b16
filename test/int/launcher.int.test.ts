import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { launcherEntry } from '../../server/db/local.js';
import { fromRoot } from '../../server/paths.js';

/**
 * The bundled Neo4j's launcher is compiled once per source and Neo4j version. A CI run on a fresh
 * clone failed with "Could not find or load main class Launcher": npm test's two runs each
 * compiled it, and the later one replaced the folder the earlier one's JVM was about to load from.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-launcher-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const entryOf = async (source: string) =>
  JSON.parse(
    (await promisify(execFile)(process.execPath, ['--import', 'tsx', fromRoot('test/helpers/launcherEntry.ts'), source], { cwd: fromRoot() })).stdout,
  ) as ReturnType<typeof launcherEntry>;

describe('the launcher, compiled once', () => {
  it('two tools compiling at once both load classes that stay; an edited source gets a folder of its own and leaves the first', async () => {
    const source = path.join(tmp, 'Launcher.java');
    fs.copyFileSync(fromRoot('db/Launcher.java'), source);
    const [a, b] = await Promise.all([entryOf(source), entryOf(source)]);
    expect(a).toEqual(b);
    expect(a.main).toBe('Launcher');
    const [classes] = a.classpath;
    const cls = path.join(classes!, 'Launcher.class');
    const first = fs.statSync(cls);
    // Only the folder the winner renamed: the loser's private folder is gone.
    expect(fs.readdirSync(path.join(tmp, '.cache'))).toEqual([path.basename(classes!)]);

    // Asked again, nothing is compiled: the same class file.
    expect(launcherEntry(source)).toEqual(a);
    fs.appendFileSync(source, '\n// edited\n');
    const edited = launcherEntry(source);
    expect(edited.main).toBe('Launcher');
    expect(edited.classpath).not.toEqual(a.classpath);
    expect(fs.existsSync(path.join(edited.classpath[0]!, 'Launcher.class'))).toBe(true);
    // The first folder is never replaced under a JVM that may be loading from it.
    expect(fs.statSync(cls).ino).toBe(first.ino);
    expect(fs.statSync(cls).mtimeMs).toBe(first.mtimeMs);
  });
});
