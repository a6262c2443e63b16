import { describe, expect, it } from 'vitest';
import { AgencyResolver } from '../../server/extract/agencies.js';
import { loadRegistry } from '../../server/extract/registry.js';
import { readStatement, sentences } from '../../server/extract/statement.js';
import { listBriefFiles } from '../../server/import/pipeline.js';
import fs from 'node:fs';
import { parseBrief } from '../../server/parse/brief.js';
import { fromRoot } from '../../server/paths.js';

// The seeds' "At a glance" summaries restate their Article / Issuing body / Date lines: a free
// training signal. The reader sees only the summary; the labelled lines are the answer.
const registry = loadRegistry();
const STOP = new Set('the a an of on for to and in with by from'.split(' '));
const words = (s: string) =>
  new Set(
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N} ]+/gu, ' ')
      .split(' ')
      .filter((w) => w && !STOP.has(w)),
  );

describe("the sentence reader on the seeds' summaries, labelled lines hidden", () => {
  const rows = listBriefFiles([fromRoot('seeds')]).flatMap((f) => {
    const brief = parseBrief(fs.readFileSync(f, 'utf8'), f);
    return brief.writeups.map((w) => {
      const agencies = new AgencyResolver(registry.agencies);
      const read = sentences(w.summary)
        .slice(0, 3)
        .map((s) => readStatement(s, { agencies, words: registry.documents, ...(brief.date ? { briefDate: brief.date } : {}) }))
        .find(Boolean);
      const truth = new Set(w.issuers.flatMap((p) => agencies.resolveIssuer(p, w.titleZh).map((r) => r.id)));
      const named = read ? read.issuers.parts.flatMap((p) => agencies.resolveIssuer(p).map((r) => r.id)) : [];
      // The document type the reader named is one the title has ("Action Plan …" ~ "… action plan").
      const type = read ? [...words(read.title)].filter((x) => words(w.title).has(x)).length > 0 : false;
      return { title: w.title, read: !!read, issuers: named.length > 0 && named.every((id) => truth.has(id)), type, date: read?.date?.date === w.date };
    });
  });
  const rate = (k: 'read' | 'issuers' | 'type') => rows.filter((r) => r[k]).length / rows.length;

  it('states a document in 21 of 25 summaries; its named issuers are the labelled ones in 16, its title shares the labelled words in 20', () => {
    // Measured. Unread, rightly: "released details of a new form of government procurement" (no
    // document type), "a team of experts … updated their suggested draft" (no body). Unread, a
    // limit: "released one of the most significant economic policy documents", "released an
    // application call". Issuers not recovered: "The central government released 16 measures"
    // (unnamed, so none named), "The Ministry of Human Resources and eight other …" (a cut name),
    // "MOHURD and seven other …" (the seeds' trap: only the Chinese title says MOHRSS).
    expect([rate('read'), rate('issuers'), rate('type')]).toEqual([21 / 25, 16 / 25, 20 / 25]);
  });

  it('never reads a date the summary does not give', () => {
    // Only one summary states its day ("On January 1, …", a pilot's start rather than the notice's date).
    expect(rows.filter((r) => r.date).length).toBeLessThanOrEqual(1);
  });
});
