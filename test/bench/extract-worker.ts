/**
 * One side of `bench:extract --against`: a process that loads one checkout's extractor and the
 * corpus, then extracts the brief it is told to and answers with the time it took. Each side in
 * its own process, so neither shares a heap, JIT feedback or regex cache with the other.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

type Extract = (text: string, file: string) => unknown;
const [checkout, corpus] = process.argv.slice(2) as [string, string];
const pipeline = (await import(pathToFileURL(path.resolve(checkout, 'server/import/pipeline.ts')).href)) as {
  extractText: Extract;
  listBriefFiles: (paths: string[]) => string[];
};
const texts = pipeline.listBriefFiles([corpus]).map((f) => ({ f, text: fs.readFileSync(f, 'utf8') }));
// Warm-up: registry load and JIT.
for (const t of texts) pipeline.extractText(t.text, t.f);

process.on('message', (k: number) => {
  const t = texts[k]!;
  const start = process.hrtime.bigint();
  pipeline.extractText(t.text, t.f);
  process.send!(Number(process.hrtime.bigint() - start) / 1e6);
});
process.on('disconnect', () => process.exit(0));
process.send!('ready');
