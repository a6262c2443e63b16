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
    expect(log.read()).toEqual({ corrections: [a, b] });
  });

  it('keeps a whole last line that only lacks its newline (a hand edit)', async () => {
    const log = freshLog();
    const a = newCorrection({ kind: 'alias', node: 'company:tesla', name: 'Tesla Motors' });
    fs.mkdirSync(path.dirname(log.file), { recursive: true });
    fs.writeFileSync(log.file, JSON.stringify(a));
    expect(log.read()).toEqual({ corrections: [a] });
    const b = await log.append(newCorrection({ kind: 'reject', node: 'company:yahoo' }));
    expect(log.read().corrections).toEqual([a, b]);
  });

  it('names the file, line and field of a bad line anywhere else', () => {
    const ok = newCorrection({ kind: 'alias', node: 'company:tesla', name: 'Tesla Motors' });
    expect(() => parseLog(`${line(ok)}not json\n`, 'c.jsonl')).toThrow(new CorrectionLogError('c.jsonl', 2, 'not a JSON object (one correction per line)'));
    expect(() => parseLog(`\n${line({ ...ok, id: 'c-mwz0000b-abcdef', node: 'nonsense' })}`, 'c.jsonl')).toThrow(/^c\.jsonl:2: node: not a node id/);
    expect(() => parseLog(`${line(ok)}${line(ok)}`, 'c.jsonl')).toThrow(`c.jsonl:2: duplicate id ${ok.id}`);
    expect(() => parseLog(line({ ...ok, at: 'yesterday' }), 'c.jsonl')).toThrow(/^c\.jsonl:1: at: /);
  });

  it('is empty when the file does not exist yet', () => {
    expect(freshLog().read()).toEqual({ corrections: [] });
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
