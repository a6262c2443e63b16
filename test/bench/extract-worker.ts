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
// Registry load and matcher compilation, once per process: not a brief's cost. Nothing else is
// warmed up: an import reads each brief once, so the JIT and the name caches start cold as they
// do there (a second pass over the synthetic corpus, whose names repeat, ran 30% faster).
pipeline.extractText(texts[0]!.text, texts[0]!.f);

process.on('message', (k: number) => {
  const t = texts[k]!;
  const start = process.hrtime.bigint();
  pipeline.extractText(t.text, t.f);
  process.send!(Number(process.hrtime.bigint() - start) / 1e6);
});
process.on('disconnect', () => process.exit(0));
process.send!('ready');
