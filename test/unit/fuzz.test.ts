import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractText, listBriefFiles } from '../../server/import/pipeline.js';
import { extractedGraph } from '../../server/extract/schema.js';
import { parseBrief } from '../../server/parse/brief.js';
import { BriefError, parsedBriefSchema } from '../../server/parse/schema.js';
import { fromRoot } from '../../server/paths.js';

// Mutated seed briefs: the importer either extracts a sound graph or refuses with a BriefError.
const seeds = listBriefFiles([fromRoot('seeds')]).map((f) => fs.readFileSync(f, 'utf8').split('\n'));

const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 15 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 15 }) }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), n: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 80 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('corrupt' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      'Date: February 30, 2024',
      'Issuing body:',
      'Article:',
      '  • ',
      'At a glance:',
      'Noteworthy',
      '<script>alert(1)</script>',
      'Date: 2024-13-45',
      '\u0000',
    ),
  }),
);

function mutate(lines: string[], ms: fc.Arbitrary<unknown>[] | unknown[]): string {
  const out = [...lines];
  for (const m of ms as { op: string; at: number; n?: number; text?: string }[]) {
    const at = out.length ? m.at % out.length : 0;
    if (m.op === 'delete') out.splice(at, m.n);
    else if (m.op === 'duplicate') out.splice(at, 0, ...out.slice(at, at + (m.n ?? 1)));
    else if (m.op === 'swap') {
      const b = out.length ? (m.n ?? 0) % out.length : 0;
      [out[at], out[b]] = [out[b]!, out[at]!];
    } else if (m.op === 'insert') out.splice(at, 0, m.text ?? '');
    else if (m.op === 'truncate') out.length = at;
    else if (m.op === 'corrupt') out[at] = m.text ?? '';
  }
  return out.join('\n');
}

describe('importer under mutated briefs', () => {
  it('parses and extracts every seed to the parsed-brief and dry-run schemas', () => {
    for (const [i, lines] of seeds.entries()) {
      const text = lines.join('\n');
      expect(parsedBriefSchema.safeParse(parseBrief(text, `seed${i}.txt`)).error).toBeUndefined();
      const g = extractText(text, `seed${i}.txt`);
      expect(extractedGraph.safeParse(g).error).toBeUndefined();
      expect(g.relationships.every((r) => r.properties.evidence && r.properties.line > 0)).toBe(true);
    }
  });

  // CPU-bound: about 4 s on an idle CI machine, close to vitest's 5 s default; a loaded one needs more.
  it(
    'never throws anything but a BriefError, and never yields a Policy without an issuer (or its unnamed issuers) and a stated date precision',
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (which, ms) => {
          const text = mutate(seeds[which]!, ms);
          let g;
          try {
            // The parsed brief and the extracted rows must fit their schemas (not parsed at run time).
            expect(parsedBriefSchema.safeParse(parseBrief(text, 'mutant.txt')).error).toBeUndefined();
            g = extractText(text, 'mutant.txt');
          } catch (err) {
            expect(err).toBeInstanceOf(BriefError);
            expect((err as Error).message).toMatch(/^mutant\.txt(:\d+)?: /);
            return;
          }
          expect(extractedGraph.safeParse(g).error).toBeUndefined();
          const ids = new Set(g.nodes.map((n) => n.id));
          for (const p of g.nodes.filter((n) => n.label === 'Policy')) {
            // A date to the day, or to the month when the sentence gave only that (a brief cut before
            // its first Article line reads as the earlier layout), or none when the brief states none.
            const precision = p.properties.datePrecision ?? 'day';
            if (precision === 'unknown') expect(p.properties.date).toBeUndefined();
            else expect(p.properties.date).toMatch(precision === 'month' ? /^\d{4}-\d{2}$/ : /^\d{4}-\d{2}-\d{2}$/);
            // An issuer, unless the line names none ("Four central agencies published …"), which it then says.
            const issued = g.relationships.some((r) => r.type === 'ISSUED_BY' && r.source === p.id);
            expect(issued || typeof p.properties.unnamedIssuers === 'string').toBe(true);
          }
          for (const r of g.relationships) expect(ids.has(r.source) && ids.has(r.target)).toBe(true);
        }),
        { numRuns: 300, seed: 20261123 },
      );
    },
  );
});
