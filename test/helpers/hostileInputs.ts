import zlib from 'node:zlib';

/** Issue 32's inputs that hung or exhausted the importer, built here so every test uses the same ones. */

/** 282 bytes that hung format detection: an exponential HTML_START regex. */
export const commentRun = (): string => `${'<!---->'.repeat(40)}x`;

/** A page of `depth` nested `<div>`s around a brief-sized text (99,000 ran over 400 s). */
export const nestedDivs = (depth: number): string => `<html><body>${'<div>'.repeat(depth)}<p>${'text '.repeat(100)}</p></body></html>`;

/** `count` unclosed `<table><tr><td>` (30,000 ran over 400 s). */
export const unclosedTables = (count: number): string => `<html><body>${'<table><tr><td>'.repeat(count)}text</body></html>`;

/**
 * A PDF whose every page draws one content stream that inflates to `inflatedMb` MB of spaces
 * (deflate packs 1 GB of one byte into about 1 MB). Issue 32's 3 MB file took the importer to
 * 6.9 GB. `layers` > 1 deflates the stream again and lists FlateDecode that many times.
 */
export async function pdfBomb({ inflatedMb = 1024, pages = 1, layers = 1 } = {}): Promise<Buffer> {
  let data = await deflateRepeated(0x20, inflatedMb * 1024 * 1024);
  for (let l = 1; l < layers; l++) data = zlib.deflateSync(data);
  const kids = Array.from({ length: pages }, (_, i) => `${4 + i} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    null, // 3: the content stream
    ...Array.from({ length: pages }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << >> >>'),
  ];
  const filter = layers === 1 ? '/FlateDecode' : `[${' /FlateDecode'.repeat(layers)} ]`;
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(at);
    const chunk =
      body === null
        ? Buffer.concat([Buffer.from(`${i + 1} 0 obj\n<< /Length ${data.length} /Filter ${filter} >>\nstream\n`), data, Buffer.from('\nendstream\nendobj\n')])
        : Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`);
    parts.push(chunk);
    at += chunk.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** zlib data of `bytes` bytes of `value`, made a megabyte at a time. */
async function deflateRepeated(value: number, bytes: number): Promise<Buffer> {
  const deflate = zlib.createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (c: Buffer) => out.push(c));
  const done = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  const chunk = Buffer.alloc(1024 * 1024, value);
  for (let left = bytes; left > 0; left -= chunk.length) {
    if (!deflate.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await new Promise((r) => deflate.once('drain', r));
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
}
