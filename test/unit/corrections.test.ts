import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CorrectionLog, CorrectionLogError, newCorrection, parseLog } from '../../server/curation/log.js';
import { correctionRequest } from '../../server/curation/schema.js';
import { CorrectionState } from '../../server/curation/state.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-graph-corrections-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const freshLog = () => new CorrectionLog(path.join(tmp, `log-${n++}`, 'corrections.jsonl'));
const line = (c: object) => `${JSON.stringify(c)}\n`;

describe('correction requests', () => {
  it('accept each kind and name the field of a bad one', () => {
    expect(correctionRequest.parse({ kind: 'merge', keep: 'company:a', drop: 'company:b', reason: 'same firm' })).toMatchObject({ kind: 'merge' });
    expect(correctionRequest.parse({ kind: 'link', from: 'company:a', type: 'MENTIONED_IN', to: 'policy:2024-01-01:x', note: 'annex' })).toMatchObject({
      kind: 'link',
    });
    const bad = (v: unknown) => correctionRequest.safeParse(v).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(bad({ kind: 'merge', keep: 'company:a', drop: 'agency:MIIT' })).toEqual(['drop: only nodes of the same label can be merged']);
    expect(bad({ kind: 'merge', keep: 'company:a', drop: 'company:a' })).toEqual(['drop: keep and drop must differ']);
    expect(bad({ kind: 'reject', node: 'nonsense' })?.[0]).toMatch(/^node: not a node id/);
    expect(bad({ kind: 'reject', node: 'brief:000_x' })?.[0]).toMatch(/^node: briefs cannot be corrected/);
    expect(bad({ kind: 'reject-rel', from: 'policy:x', type: 'ISSUED_BY', to: 'sector:batteries' })).toEqual([
      'type: no such relationship shape (see docs/graph-model.md)',
    ]);
    expect(bad({ kind: 'link', from: 'company:a', type: 'MENTIONED_IN', to: 'policy:x' })?.[0]).toMatch(/^note:/);
    expect(bad({ kind: 'rename', node: 'company:a', name: '   ' })?.[0]).toMatch(/^name:/);
    expect(bad({ kind: 'drop-table' })?.[0]).toMatch(/^kind:/);
    expect(bad({ kind: 'undo', target: 'company:a' })?.[0]).toMatch(/^target: not a correction id/);
    // Lone surrogates in any text, named by field; whole astral characters are fine.
    const lone = 'not well-formed Unicode (a lone surrogate, half of a character, such as \\ud800); send whole characters';
    expect(bad({ kind: 'rename', node: 'company:tesla', name: 'Tesla \ud800 Inc' })).toEqual([`name: ${lone}`]);
    expect(bad({ kind: 'link', from: 'company:a', type: 'MENTIONED_IN', to: 'policy:x', note: 'n\udfff' })).toEqual([`note: ${lone}`]);
    expect(bad({ kind: 'reject', node: 'company:\ud83d' })).toEqual([`node: ${lone}`]);
    expect(bad({ kind: 'alias', node: 'company:tesla', name: 'Tesla 🚗' })).toBeUndefined();
  });
});

describe('the corrections log', () => {
  it('appends one JSON object per line and reads them back in order', async () => {
    const log = freshLog();
    const a = await log.append(newCorrection({ kind: 'alias', node: 'company:tesla', name: 'Tesla Motors' }));
    const b = await log.append(newCorrection({ kind: 'reject', node: 'company:yahoo', reason: 'a news site' }));
    expect(log.read().corrections.map((c) => c.id)).toEqual([a.id, b.id]);
    expect(fs.readFileSync(log.file, 'utf8').split('\n')).toEqual([JSON.stringify(a), JSON.stringify(b), '']);
  });

  it('keeps every one of many corrections appended at once', async () => {
    const log = freshLog();
    const made = await Promise.all(
      Array.from({ length: 40 }, (_, i) => log.append(newCorrection({ kind: 'alias', node: 'company:tesla', name: `Name ${i}` }))),
    );
    expect(new Set(log.read().corrections.map((c) => c.id))).toEqual(new Set(made.map((c) => c.id)));
  });

  it('reports a torn last line (a crash mid-append) with its line number, ignores it, and cuts it off at the next append', async () => {
    const log = freshLog();
    const a = await log.append(newCorrection({ kind: 'alias', node: 'company:tesla', name: 'Tesla Motors' }));
    fs.appendFileSync(log.file, '{"id":"c-mwz0000a-abcdef","kind":"rej');
    const read = log.read();
    expect(read.corrections.map((c) => c.id)).toEqual([a.id]);
    expect(read.torn).toEqual({ line: 2, text: '{"id":"c-mwz0000a-abcdef","kind":"rej' });
    const b = await log.append(newCorrection({ kind: 'reject', node: 'company:yahoo' }));
    expect(log.read()).toEqual({ corrections: [a, b], problems: [] });
  });

  it('keeps a whole last line that only lacks its newline (a hand edit)', async () => {
    const log = freshLog();
    const a = newCorrection({ kind: 'alias', node: 'company:tesla', name: 'Tesla Motors' });
    fs.mkdirSync(path.dirname(log.file), { recursive: true });
    fs.writeFileSync(log.file, JSON.stringify(a));
    expect(log.read()).toEqual({ corrections: [a], problems: [] });
    const b = await log.append(newCorrection({ kind: 'reject', node: 'company:yahoo' }));
    expect(log.read().corrections).toEqual([a, b]);
  });

  it('skips a bad line anywhere else, naming its line, what is wrong and how to fix it', () => {
    const ok = newCorrection({ kind: 'alias', node: 'company:tesla', name: 'Tesla Motors' });
    const problems = (text: string) => parseLog(text).problems.map((p) => `${p.line}: ${p.problem} | ${p.fix}`);
    expect(parseLog(`${line(ok)}not json\n`).corrections).toEqual([ok]);
    expect(problems(`${line(ok)}not json\n`)).toEqual([
      '2: not a JSON object (one correction per line) | repair the line so it is one JSON object, or delete it',
    ]);
    expect(problems(`\n${line({ ...ok, id: 'c-mwz0000b-abcdef', node: 'nonsense' })}`)[0]).toMatch(/^2: node: not a node id/);
    expect(problems(`${line(ok)}${line(ok)}`)).toEqual([
      `2: duplicate id ${ok.id} (first on line 1) | delete this line if it repeats line 1; otherwise give it a new id`,
    ]);
    expect(problems(line({ ...ok, at: 'yesterday' }))[0]).toMatch(/^1: at: /);
    // A lone surrogate written by hand (JSON's \ud800 escape) is a bad line, not a corrupt node.
    expect(problems(line({ ...ok, name: 'Tesla \ud800 Inc' }))[0]).toMatch(/^1: name: not well-formed Unicode/);
    const conflict = `${line(ok)}<<<<<<< HEAD\n${line({ ...ok, id: 'c-mwz0000c-abcdef' })}=======\n>>>>>>> theirs\n`;
    expect(parseLog(conflict).corrections.map((c) => c.id)).toEqual([ok.id, 'c-mwz0000c-abcdef']);
    expect(problems(conflict)).toEqual(
      [2, 4, 5].map(
        (n) =>
          `${n}: a merge conflict marker | keep the lines of both sides (each correction is one line, so both can stay, in any order) and delete the marker lines`,
      ),
    );
  });

  it('refuses to append after a bad line, saying to run curate check; appends again once it is fixed', async () => {
    const log = freshLog();
    const a = await log.append(newCorrection({ kind: 'alias', node: 'company:tesla', name: 'Tesla Motors' }));
    fs.appendFileSync(log.file, '{"oops"\n');
    expect(log.warning()).toBe(
      `${log.file}:2: not a JSON object (one correction per line); the line is ignored. Run \`npm run curate -- check\` to see how to fix it.`,
    );
    await expect(log.append(newCorrection({ kind: 'reject', node: 'company:yahoo' }))).rejects.toThrow(
      new CorrectionLogError(
        log.file,
        2,
        'not a JSON object (one correction per line). Nothing is added to the file until it is fixed: run `npm run curate -- check`, which says how.',
      ),
    );
    expect(fs.readFileSync(log.file, 'utf8')).toBe(`${line(a)}{"oops"\n`);
    fs.writeFileSync(log.file, line(a));
    await log.append(newCorrection({ kind: 'reject', node: 'company:yahoo' }));
    expect(log.read().corrections).toHaveLength(2);
  });

  it('is empty when the file does not exist yet', () => {
    expect(freshLog().read()).toEqual({ corrections: [], problems: [] });
  });
});

describe('the state of the log', () => {
  it('leaves out undone corrections and finds the rest by any node they touch, in log order', () => {
    const merge = newCorrection({ kind: 'merge', keep: 'company:a', drop: 'company:b' });
    const alias = newCorrection({ kind: 'alias', node: 'company:b', name: 'Bee' });
    const link = newCorrection({ kind: 'link', from: 'company:c', type: 'MENTIONED_IN', to: 'policy:x', note: 'n' });
    const undo = newCorrection({ kind: 'undo', target: alias.id });
    const state = new CorrectionState([merge, alias, link, undo]);
    expect(state.active().map((c) => c.id)).toEqual([merge.id, link.id]);
    expect(state.forTargets(['policy:x', 'company:b', 'company:a']).map((c) => c.id)).toEqual([merge.id, link.id]);
    expect(state.forTargets(['company:zzz'])).toEqual([]);
    expect(state.undoneBy.get(alias.id)?.id).toBe(undo.id);
  });
});
