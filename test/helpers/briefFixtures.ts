import fs from 'node:fs';
import { chromium } from 'playwright-core';

/**
 * Fixtures made from the seed briefs at test time: the brief as a printed PDF (Chromium, with a
 * running header and page numbers as MERICS's PDFs have), as a saved web page in site markup,
 * cut in half, or copied under another name.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * One line of a seed as a browser shows it: the seeds are web copy and PDF-to-Markdown
 * conversions, so Markdown links, bold, escapes and <sup> become HTML, as a page would have them.
 */
function inline(line: string): string {
  return escape(line)
    .replace(/&lt;(\/?)sup&gt;/gi, '<$1sup>')
    .replace(/\[((?:[^\]\\]|\\.)*)\]\(([^)]*)\)/g, (_m, text: string, href: string) => `<a href="${href}">${text}</a>`)
    .replace(/\*\*(.+?)\*\*/g, '<b>$1</b>')
    .replace(/\\([()[\]*_#.-])/g, '$1');
}

interface Block {
  tag: 'p' | 'li' | 'h2';
  html: string;
}

/**
 * The seed's lines as HTML blocks: each line a paragraph (web copy has one per line), bullets list
 * items, "#" lines and section names headings; a Markdown hard break (two trailing spaces) keeps
 * the next line in the same paragraph after a <br>.
 */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let hardBreak = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) {
      hardBreak = false;
      continue;
    }
    const bullet = /^(?:[•●▪]|[-*](?=\s))\s*(.*)$/.exec(line);
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    const last = blocks.at(-1);
    if (bullet) blocks.push({ tag: 'li', html: inline(bullet[1]!) });
    else if (hardBreak && last?.tag === 'p') last.html += `<br>${inline(line)}`;
    else if (heading || /^(?:MERICS Top 5|NOTEWORTHY|Policy news|Corporate news)$/i.test(line))
      blocks.push({ tag: 'h2', html: inline(heading ? heading[1]! : line) });
    else blocks.push({ tag: 'p', html: inline(line) });
    hardBreak = / {2}$/.test(raw.replace(/\r$/, ''));
  }
  return blocks;
}

/** Blocks as HTML, consecutive list items in one list. */
function html(blocks: Block[]): string {
  const out: string[] = [];
  let list: string[] = [];
  const endList = () => {
    if (list.length) out.push(`<ul>${list.map((li) => `<li>${li}</li>`).join('')}</ul>`);
    list = [];
  };
  for (const b of blocks) {
    if (b.tag === 'li') {
      list.push(b.html);
      continue;
    }
    endList();
    out.push(`<${b.tag}>${b.html}</${b.tag}>`);
  }
  endList();
  return out.join('\n');
}

/** The brief as a printable page. */
export function printableHtml(text: string, title: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body { font: 11pt "DejaVu Serif", serif; } p, li, h2 { margin: 0 0 0.7em; } h2 { font-size: 13pt; } ul { padding-left: 1.2em; list-style: none; } li::before { content: "• "; } a { color: #036; }</style></head>
<body>${html(blocksOf(text))}</body></html>`;
}

/** Prints HTML pages to PDF with headless Chromium: A4, a running header and "Page N of M" footers. */
export async function printPdfs(pages: { html: string; out: string }[], header = 'MERICS China Industries'): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH).`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    for (const { html, out } of pages) {
      await page.setContent(html, { waitUntil: 'load' });
      await page.pdf({
        path: out,
        format: 'A4',
        margin: { top: '2cm', bottom: '2cm', left: '2cm', right: '2cm' },
        displayHeaderFooter: true,
        headerTemplate: `<div style="font-size:8pt;width:100%;text-align:right;margin-right:2cm">${escape(header)}</div>`,
        footerTemplate:
          '<div style="font-size:8pt;width:100%;text-align:center">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
      });
    }
  } finally {
    await browser.close();
  }
}

export const printPdf = (html: string, out: string, header?: string) => printPdfs([{ html, out }], header);

/** A blank one-page PDF (no text layer): what a scan without OCR looks like to a text extractor. */
export async function blankPdf(out: string): Promise<void> {
  await printPdf('<!doctype html><html><body><div style="width:300px;height:200px;background:#888"></div></body></html>', out, ' ');
}

/**
 * The brief inside a realistic saved article page: navigation, a cookie banner, a newsletter
 * sign-up box, related links, a footer and scripts around an <article> whose paragraphs, headings
 * and lists hold the brief's lines.
 */
export function savedWebPage(text: string, title: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)} | Mercator Institute for China Studies</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/wp-content/themes/merics/style.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date());</script>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Organization","name":"MERICS"}</script>
</head>
<body class="post-template-default single">
<div id="cookie-banner" class="cookie-consent gdpr-banner" role="dialog">
  <p>We use cookies to improve your experience on our website and to analyse traffic. You can accept all cookies or choose which ones you allow.</p>
  <button>Accept all</button><button>Settings</button><a href="/privacy">Privacy policy</a>
</div>
<header class="site-header"><a class="logo" href="/">MERICS</a>
<nav class="main-menu"><ul><li><a href="/topics">Topics</a></li><li><a href="/research">Research</a></li><li><a href="/publications">Publications</a></li><li><a href="/events">Events</a></li><li><a href="/about">About us</a></li><li><a href="/press">Press</a></li></ul></nav>
<form class="search" action="/search"><input name="q" placeholder="Search"></form></header>
<nav class="breadcrumbs"><a href="/">Home</a> › <a href="/publications">Publications</a> › <a href="/china-industries">China Industries</a></nav>
<main id="content">
<article class="post type-post">
<div class="entry-content">
${html(blocksOf(text))}
</div>
</article>
<aside class="newsletter-signup sidebar">
  <h3>Subscribe to our newsletters</h3>
  <p>Get MERICS analysis of China's politics, economy and society in your inbox every week.</p>
  <form action="/newsletter"><input type="email" placeholder="Your e-mail address"><button>Sign up</button></form>
</aside>
<section class="related-posts"><h3>Related publications</h3><ul><li><a href="/a">China Industries: previous issue</a></li><li><a href="/b">China Security Monitor</a></li><li><a href="/c">China Global Competition Tracker</a></li></ul></section>
</main>
<footer class="site-footer"><p>© MERICS Mercator Institute for China Studies, Klosterstraße 64, 10179 Berlin</p>
<ul><li><a href="/imprint">Imprint</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/contact">Contact</a></li></ul></footer>
<script src="/wp-content/themes/merics/app.js"></script>
<script>document.getElementById('cookie-banner').hidden = localStorage.getItem('consent') === 'yes';</script>
</body></html>`;
}

/** The first half of a brief's lines: a partial download. */
export function cutInHalf(text: string): string {
  const lines = text.split('\n');
  return lines.slice(0, Math.floor(lines.length / 2)).join('\n');
}
