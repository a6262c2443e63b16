import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBrief } from '../../server/import/pipeline.js';
import { Deadline } from '../../server/parse/budget.js';
import { detectFormat } from '../../server/parse/formats/detect.js';
import { readHtml } from '../../server/parse/formats/html.js';
import { FORMAT_LIMITS } from '../../server/parse/formats/limits.js';
import { layOut, type TextRun } from '../../server/parse/formats/pdfLayout.js';
import { readPdf } from '../../server/parse/formats/pdf.js';
import { BriefError } from '../../server/parse/schema.js';
import { fromRoot } from '../../server/paths.js';
import { savedWebPage } from '../helpers/briefFixtures.js';

const seed = fs.readFileSync(fromRoot('seeds/000_483cb3f9e9174233.txt'), 'utf8');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'formats-'));
const write = (name: string, data: string | Uint8Array) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
};
const deadline = () => new Deadline('test', 60_000);

/**
 * A minimal valid PDF whose single page draws only the given text operators: no text at all is a
 * blank page (what a scan without OCR gives a text extractor). Offsets in the xref are exact.
 */
function tinyPdf(content: string): Uint8Array {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

describe('format detection by content', () => {
  it('tells PDF, HTML and text apart whatever the name says', () => {
    expect(detectFormat(tinyPdf(''), 'brief.txt')).toBe('pdf');
    expect(detectFormat(Buffer.from('\uFEFF  <!DOCTYPE html><html><body>x</body></html>'), 'brief.md')).toBe('html');
    expect(detectFormat(Buffer.from('<html lang="en"><p>x</p></html>'), 'brief')).toBe('html');
    expect(detectFormat(Buffer.from(seed), 'brief.html')).toBe('text');
    // A Markdown brief with inline <sup> tags is still text.
    expect(detectFormat(Buffer.from('**Policy name:** 14<sup>th</sup> Five-Year Plan'), 'b.md')).toBe('text');
  });

  it('names the file type when it is no brief at all', () => {
    expect(() => detectFormat(Buffer.from('PK\u0003\u0004rest of a docx', 'latin1'), 'brief.txt')).toThrow(
      /^brief\.txt: this is a ZIP archive \(a Word \.docx or similar\)/,
    );
    expect(() => detectFormat(Buffer.from('\u0089PNG\r\n\u001a\n', 'latin1'), 'scan.pdf')).toThrow(/^scan\.pdf: this is a PNG image, not a brief/);
  });
});

describe('adversarial files fail alone with a message naming the file', () => {
  it('a binary file named .txt', async () => {
    const file = write('notes.txt', Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10, 0x80, 0x81, ...Array(200).fill(0x9c)]));
    await expect(loadBrief(file)).rejects.toThrow(/^notes\.txt: file is binary or not UTF-8 text/);
  });

  it('an empty .pdf file', async () => {
    await expect(loadBrief(write('empty.pdf', ''))).rejects.toThrow(/^empty\.pdf: file is empty/);
  });

  it('a PDF with no text (blank page, a scan)', async () => {
    await expect(readPdf(tinyPdf(''), 'scan.pdf', deadline())).rejects.toThrow(
      /^scan\.pdf: PDF has no text layer \(1 page of images or nothing\): it may be a scan/,
    );
  });

  it('a corrupt PDF', async () => {
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 251))]);
    const err = await readPdf(bytes, 'broken.pdf', deadline()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BriefError);
    expect((err as Error).message).toMatch(/^broken\.pdf: PDF (is damaged and cannot be read|has no text layer)/);
  });

  it('a PDF cut off in the middle of its bytes', async () => {
    const whole = tinyPdf('BT /F1 12 Tf 72 700 Td (Hello) Tj ET');
    const err = await readPdf(whole.subarray(0, 120), 'cut.pdf', deadline()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BriefError);
    expect((err as Error).message).toMatch(/^cut\.pdf: PDF (is damaged|has no text layer)/);
  });

  it('a PDF over the size limit is refused before it is parsed', async () => {
    const limits = { ...FORMAT_LIMITS, pdfBytes: 1000 };
    await expect(readPdf(Buffer.alloc(2000, 0x20), 'big.pdf', deadline(), limits)).rejects.toThrow(/^big\.pdf: PDF is 0\.0 MB; the limit is 0\.0 MB/);
  });

  it('a huge HTML page is refused by size, and one with too many elements by count', async () => {
    const huge = Buffer.from(`<!doctype html><html><body>${'<div><p>filler text</p></div>'.repeat(400_000)}</body></html>`);
    expect(huge.byteLength).toBeGreaterThan(FORMAT_LIMITS.htmlBytes);
    // CPU time of this process, not wall time: refused before parsing is milliseconds; parsing
    // 400,000 elements is seconds. Other work on the machine does not count.
    const cpu = process.cpuUsage();
    await expect(readHtml(huge, 'huge.html', deadline())).rejects.toThrow(/^huge\.html: web page is 11\.\d MB; the limit is 10\.0 MB/);
    const used = process.cpuUsage(cpu);
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
    const many = Buffer.from(`<!doctype html><html><body>${'<span>a</span>'.repeat(5000)}</body></html>`);
    await expect(readHtml(many, 'many.html', deadline(), { ...FORMAT_LIMITS, htmlElements: 1000 })).rejects.toThrow(
      /^many\.html: web page has more than 1000 elements/,
    );
  });

  it('a web page with no article (only navigation, a form and scripts)', async () => {
    const page = `<!doctype html><html><head><title>Login</title><script>var x = "${'a'.repeat(5000)}";</script></head>
<body><nav><a href="/">Home</a> <a href="/about">About</a></nav><form><input name="user"><button>Log in</button></form><script>track()</script></body></html>`;
    await expect(readHtml(Buffer.from(page), 'login.html', deadline())).rejects.toThrow(/^login\.html: no article text found in this web page/);
  });
});

describe('saved web pages', () => {
  it('keep the article and drop navigation, cookie banner, newsletter box, footer and scripts', async () => {
    const { text } = await readHtml(Buffer.from(savedWebPage(seed, 'MERICS China Industries')), 'page.html', deadline());
    expect(text).toContain('Data market + Foreign talent + Bio-based materials');
    expect(text).toMatch(/^• December 15: The State Council issued a Five-Year Plan/m);
    expect(text).toMatch(/^Issuing bodies: CCPCC, State Council$/m);
    for (const noise of ['We use cookies', 'Subscribe to our newsletters', 'Klosterstraße', 'Related publications', 'dataLayer', 'Publications'])
      expect(text).not.toContain(noise);
  });
});

/** A run of text on a page at (x, y): Chinese characters one em wide, others half an em. */
const width = (str: string, size: number) => [...str].reduce((w, c) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? size : size * 0.5), 0);
const run = (str: string, x: number, y: number, size = 10): TextRun => ({ str, x, y, width: width(str, size), size });
/** Runs written one after the other on a baseline, as a PDF writes a line in several fonts. */
const row = (y: number, ...parts: string[]): TextRun[] => {
  let x = 50;
  return parts.map((p) => {
    const r = run(p, x, y);
    x += r.width;
    return r;
  });
};

/** A full line of justified text: it ends at the right margin (x = 450) whatever its length. */
const justified = (str: string, x: number, y: number, size = 10): TextRun => ({ str, x, y, width: 450 - x, size });

describe('PDF layout', () => {
  it('joins wrapped lines into paragraphs and keeps bullets, labels and paragraphs apart', () => {
    const { lines } = layOut([
      {
        height: 842,
        runs: [
          justified('At a glance: The ministry released a plan to develop the data', 50, 700),
          run('security industry. Key targets are:', 50, 688),
          justified('• Expand the scale of the industry to CNY 150 billion with annual', 50, 670),
          run('growth of thirty percent', 62, 658),
          justified('Article: Guiding Opinions on Data Security (工业和信息化部等十六部门关', 50, 640),
          ...row(628, '于促进数据安全产业发展的指导意见', ')'),
          run('Issuing body: MIIT', 50, 616),
        ],
      },
    ]);
    expect(lines.filter(Boolean)).toEqual([
      'At a glance: The ministry released a plan to develop the data security industry. Key targets are:',
      '• Expand the scale of the industry to CNY 150 billion with annual growth of thirty percent',
      'Article: Guiding Opinions on Data Security (工业和信息化部等十六部门关于促进数据安全产业发展的指导意见)',
      'Issuing body: MIIT',
    ]);
  });

  it('drops running headers, footers and page numbers, and keeps the page of each line', () => {
    // Paragraphs of two lines, 12 pt apart, with 24 pt between paragraphs.
    const page = (n: number, body: string[]) => ({
      height: 842,
      runs: [
        run('MERICS China Industries | March 2024', 300, 810, 8),
        ...body.flatMap((b, i) => [justified(`The ${b} paragraph starts with a full line of`, 50, 700 - i * 36), run('text.', 50, 688 - i * 36)]),
        run(`Page ${n} of 3`, 280, 30, 8),
        run(String(n), 540, 20, 8),
      ],
    });
    const { lines, pages } = layOut([page(1, ['first', 'second']), page(2, ['third']), page(3, ['fourth'])]);
    expect(lines.filter(Boolean)).toEqual(['first', 'second', 'third', 'fourth'].map((w) => `The ${w} paragraph starts with a full line of text.`));
    expect(lines.map((l, i) => (l ? pages[i] : 0)).filter(Boolean)).toEqual([1, 1, 2, 3]);
  });

  it('mends words broken at a line end only where the document writes them whole', () => {
    const { lines } = layOut([
      {
        height: 842,
        runs: [
          justified('The development of state-owned firms and the develop-', 50, 700),
          justified('ment of privately held and partly state- and private-', 50, 688),
          justified('owned firms in the up- and downstream of the fuel-', 50, 676),
          justified('and energy sectors of the Value- and others and the Value-', 50, 664),
          run('Added Telecommunications Services market.', 50, 652),
        ],
      },
    ]);
    expect(lines).toEqual([
      'The development of state-owned firms and the development of privately held and partly state- and private-owned firms in the up- and downstream of the fuel- and energy sectors of the Value- and others and the Value-Added Telecommunications Services market.',
    ]);
  });
});
