import path from 'node:path';
import { inferYear, isoIfValid, parseBriefingMonth, parseDayMonthPrefix, parseFullDate, parseStatedBriefDate } from './dates.js';
import { Deadline } from './budget.js';
import { citationWords } from './citations.js';
import { BriefError, type BriefLayout, type NewsLine, type ParsedBrief, type ParseWarning, type SourceRef, type Writeup, type WriteupBody } from './schema.js';
import { newsHeadings } from './sections.js';
import { firstCjkIndex, isBullet, isTocLine, matchParen, splitTopLevel, splitTrailingParens, stripBullet, toLines, type Line } from './text.js';

/** Larger than any real brief by three orders of magnitude; beyond it the file is not a brief. */
export const MAX_BRIEF_BYTES = 2 * 1024 * 1024;

const TITLE_RE = /^(?:article|policy name|policy|document|title|name of (?:the )?(?:policy|document))\s*[:：]\s*/i;
const ISSUER_RE = /^(?:issuing|issued)\s*(?:bod(?:y|ies)|authorit(?:y|ies)|agenc(?:y|ies)|institutions?|departments?|by)\s*[:：]\s*/i;
const DATE_RE = /^(?:date|issued on|release date|date of issue|publication date)\s*[:：]\s*/i;
const GLANCE_RE = /^at a glance\s*[:：]\s*/i;
const COMMENT_RE = /^merics\s+comment\s*[:：]\s*/i;
const TOP5_RE = /^merics\s+top\s*5\s*$/i;
const END_RE = /^(?:authors?|authou?r\s*\(\w+\)|autor(?:en|\s*\(en\))?|editors?|editorial team|publisher|for more information|about merics)\s*(?:[:：]\s*)?$/i;
/** Page-break debris of PDF conversions. */
const DEBRIS_RE = /^(?:exhibit \d+|page \d+|\d{1,3}|merics china industries|merics|china industries|more on the topic:.*)$/i;

// A pattern that starts with a quantified class is tried from every position of a long run of that
// class, and scans the rest of the run each time: quadratic. (?<!…) lets only the run's first
// position start a match; the leftmost match starts there anyway, so results are unchanged.
const ET_AL = /\bet\.?\s*al\b\.?/i;
const ET_AL_CLAUSE = /(?:,|(?<!\s))\s*\bet\.?\s*al\b\.?/i;
const TRAILING_DOTS = /(?<![.\s])[.\s]+$/;
const TRAILING_DATE_PUNCT = /(?<![*:：\s])[*:：\s]+$/;
const TRAILING_SEPARATORS = /(?<![\s;,])[\s;,]+$/;
const TRAILING_OPENERS = /(?<![(（\s])[(（\s]+$/;

interface Cursor {
  lines: Line[];
  file: string;
  warnings: ParseWarning[];
  deadline: Deadline;
  layout: BriefLayout;
  /** Set when the text ends inside a write-up or news item: the brief was cut off there. */
  truncatedAt?: number;
}

/** The brief ends mid-item: the incomplete item is left out and the brief flagged (see truncation). */
function cutOff(cur: Cursor, what?: string): void {
  const last = cur.lines.findLast((l) => l.text)?.no ?? cur.lines.length;
  cur.truncatedAt = last;
  const message = what
    ? `the brief stops here, in the middle of ${what}: it looks truncated (a partial download?). The complete write-ups and news items before it are imported; the incomplete one is left out.`
    : 'the brief stops here, without its closing section (authors, editors): it looks truncated (a partial download?). Everything before it is imported.';
  cur.warnings.push({ line: last, message });
}

/** Checks the time budget every 64 lines (a check costs a clock read). */
const tick = (deadline: Deadline, line: Line) => {
  if (line.no % 64 === 0) deadline.check(line.no);
};

/**
 * Text of one brief → structured brief. Tolerates the three known layouts and small variations;
 * throws BriefError (file and line) when the text is not a usable brief, BriefTimeoutError when
 * reading it takes longer than the deadline allows.
 */
export function parseBrief(text: string, file: string, deadline = new Deadline(path.basename(file))): ParsedBrief {
  const name = path.basename(file);
  const id = name.replace(/\.(txt|md|markdown|pdf|html?)$/i, '');
  if (Buffer.byteLength(text, 'utf8') > MAX_BRIEF_BYTES) {
    throw new BriefError(
      name,
      undefined,
      `file is ${(Buffer.byteLength(text, 'utf8') / 1048576).toFixed(1)} MB; a brief is a few dozen KB. Is this the right file? Split it into one file per brief.`,
    );
  }
  if (text.includes('\u0000') || (text.match(/\uFFFD/g)?.length ?? 0) > 20) {
    throw new BriefError(name, undefined, 'file is binary or not UTF-8 text; export the brief as UTF-8 plain text or Markdown.');
  }
  if (!text.trim()) throw new BriefError(name, undefined, 'file is empty.');

  const allLines = toLines(text, deadline);
  const cur: Cursor = { lines: allLines, file: name, warnings: [], deadline, layout: detectLayout(allLines) };
  const { lines } = cur;
  const headings = newsHeadings();

  const newsStart = lines.findIndex((l) => headings.isSection(l.text) && !isTocLine(l.raw));
  const firstMeta = lines.findIndex((l) => TITLE_RE.test(l.text) || GLANCE_RE.test(l.text));
  const top5 = lines.findIndex((l) => TOP5_RE.test(l.text) && !isTocLine(l.raw));
  const headerEnd = [top5, firstMeta, newsStart].filter((i) => i >= 0).reduce((a, b) => Math.min(a, b), lines.length);
  const bodyEnd = newsStart >= 0 ? newsStart : lines.length;
  const bodyStart = Math.max(0, top5 >= 0 ? top5 + 1 : headerEnd);
  const writeups = cur.layout === 'template' ? parseWriteups(cur, bodyStart, bodyEnd) : [];
  // The first heading sits above the first "At a glance", inside what the header takes.
  const proseWriteups = cur.layout === 'prose' ? parseProseWriteups(cur, top5 >= 0 ? top5 + 1 : 0, bodyEnd) : [];
  const header = parseHeader(lines.slice(0, headerEnd), deadline);
  const authors = header.authors.length ? header.authors : parseAuthorSection(lines);

  const rawNews = newsStart >= 0 ? parseNews(cur, newsStart + 1, header.month) : [];
  // Briefs end with news and then their authors or editors: write-ups followed by neither were
  // cut off, even where the cut fell between two write-ups. (A brief without an authors section
  // is common in copies; without news and authors it is not.)
  if (
    !cur.truncatedAt &&
    (writeups.length || proseWriteups.length) &&
    newsStart < 0 &&
    !lines.slice(headerEnd).some((l) => END_RE.test(l.text) && !isTocLine(l.raw))
  ) {
    cutOff(cur);
  }
  if (!writeups.length && !proseWriteups.length && !rawNews.length) {
    throw new BriefError(
      name,
      undefined,
      'no policy write-ups (Article/Policy name, Issuing body, Date lines) and no Noteworthy news found. Is this a MERICS China Industries brief?',
    );
  }
  if (proseWriteups.length) {
    cur.warnings.push({
      line: proseWriteups[0]!.summaryLine,
      message:
        'no Article/Issuing body/Date lines: read as the earlier briefing layout (2020–21); policies are derived from prose (extraction "prose") — check them.',
    });
  }
  if (!writeups.length && !proseWriteups.length) cur.warnings.push({ message: 'no MERICS Top 5 write-ups found; only the news items are imported.' });

  const policyDates = writeups.map((w) => w.date).sort();
  const explicitNewsDates = rawNews
    .flatMap((n) => (n.year && n.day ? [isoIfValid(n.year, n.month, n.day) ?? ''] : []))
    .filter(Boolean)
    .sort();
  // A monthly briefing's items fall around its month: the middle of it decides the year of "December 20".
  const reference = header.date ?? (header.month ? `${header.month}-15` : undefined) ?? policyDates.at(-1) ?? explicitNewsDates.at(-1);
  if (!reference && rawNews.length) {
    throw new BriefError(
      name,
      rawNews[0]!.line,
      'news items give no year and the brief states no date; add the publication date at the top (e.g. "MARCH 6, 2024").',
    );
  }

  const news: NewsLine[] = [];
  const seenNews = new Set<string>();
  for (const n of rawNews) {
    const year = n.year ?? inferYear(n.month, n.day || 15, reference!);
    // day 0: an undated item of a monthly briefing, dated by the briefing's month.
    const date = n.day ? isoIfValid(year, n.month, n.day) : `${year}-${String(n.month).padStart(2, '0')}`;
    if (!date) {
      cur.warnings.push({ line: n.line, message: `news item dated "${n.dateText}" is not a valid calendar date; item skipped.` });
      continue;
    }
    const key = `${n.kind}|${date}|${n.text}`;
    if (seenNews.has(key)) {
      cur.warnings.push({ line: n.line, message: 'duplicate news item; kept once.' });
      continue;
    }
    seenNews.add(key);
    news.push({ ...(n.kind ? { kind: n.kind } : {}), date, text: n.text, sources: n.sources, line: n.line, raw: n.raw });
  }

  const allDates = [...policyDates, ...news.map((n) => n.date)].sort();
  const stated = header.date ?? header.month;
  const date = stated ?? allDates.at(-1);
  const title = `MERICS China Industries${header.topics.length ? `: ${header.topics.join(' + ')}` : ''}${stated ? ` (${stated})` : ''}`;

  // Built to parsedBriefSchema (tests parse every seed and fuzzed brief with it).
  const parsed: ParsedBrief = {
    id,
    file: name,
    title,
    topics: header.topics,
    ...(date ? { date } : {}),
    dateStated: !!stated,
    authors,
    layout: cur.layout,
    writeups,
    proseWriteups,
    news,
    warnings: cur.warnings,
    ...(cur.truncatedAt ? { truncatedAtLine: cur.truncatedAt } : {}),
  };
  return parsed;
}

function parseHeader(lines: Line[], deadline: Deadline): { date?: string; month?: string; topics: string[]; authors: string[] } {
  let date: string | undefined;
  let month: string | undefined;
  let topics: string[] = [];
  let authors: string[] = [];
  for (const l of lines) {
    tick(deadline, l);
    if (isTocLine(l.raw) || !l.text) continue;
    date ??= parseStatedBriefDate(l.text);
    month ??= parseBriefingMonth(l.text);
    const parts = l.text.split(/(?<!\s)\s+\+\s+/);
    if (!topics.length && parts.length >= 2 && parts.every((p) => p.length > 1 && p.length < 60 && !/[.:]$/.test(p))) topics = parts.map((p) => p.trim());
    // "ALEXANDER BROWN, GREGOR SEBASTIAN": an all-caps byline.
    if (!authors.length && isCapsByline(l.text) && !/MERICS|CONTENTS/.test(l.text)) {
      authors = l.text
        .split(',')
        .map((a) => titleCase(a.trim()))
        .filter(Boolean);
    }
  }
  return { ...(date ? { date } : {}), ...(month && !date ? { month } : {}), topics, authors };
}

/** A capital letter, space, apostrophe, dot or hyphen: what an all-caps byline's names are made of. */
const BYLINE_CHAR = /^[A-ZÀ-Þ' .-]$/;
const isBlank = (s: string) => /^\s*$/.test(s);

/**
 * /^[A-ZÀ-Þ' .-]+(?:,\s*[A-ZÀ-Þ' .-]+)+$/ without the regex: the space is both in \s and in the
 * name characters, so the regex tried every split of every name's leading spaces, and a short
 * line of "AB, AB, …" that did not match ran for hours. Commas never occur inside a name, so the
 * names are the comma-separated parts: the first made of name characters only, the others of
 * whitespace followed by at least one name character.
 */
export function isCapsByline(text: string): boolean {
  const parts = text.split(',');
  if (parts.length < 2) return false;
  return parts.every((part, i) => {
    let k = part.length;
    while (k > 0 && BYLINE_CHAR.test(part[k - 1]!)) k--;
    return k < part.length && (i === 0 ? k === 0 : isBlank(part.slice(0, k)));
  });
}

const titleCase = (s: string) => s.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase());

/** Names listed under "AUTHORS"/"Author(s)" at the end, skipping their role lines. */
function parseAuthorSection(lines: Line[]): string[] {
  const start = lines.findIndex((l) => /^(?:authors?|author\s*\(s\)|autor(?:en|\s*\(en\)))\s*[:：]?$/i.test(l.text));
  if (start < 0) return [];
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (END_RE.test(l.text) && !/^authors?/i.test(l.text)) break;
    const t = l.text;
    if (!t || /,|\b(analyst|director|editor|intern|head|fellow|researcher|merics|support|program)\b/i.test(t)) continue;
    if (/^\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+){1,3}$/u.test(t)) out.push(t);
  }
  return out;
}

/**
 * The template layout labels each write-up's document ("Article:", "Issuing body:", "Date:"); the
 * earlier layout (2020–21) states them only in prose. Decided by the text: "At a glance" write-ups
 * with no labelled title line anywhere are the earlier layout.
 */
export function detectLayout(lines: Line[]): BriefLayout {
  let glance = false;
  for (const l of lines) {
    if (TITLE_RE.test(l.text) && !isTocLine(l.raw)) return 'template';
    glance ||= GLANCE_RE.test(l.text);
  }
  return glance ? 'prose' : 'template';
}

/**
 * Write-ups of the earlier layout: each "At a glance" opens one, under its numbered heading, and
 * runs to the next one's heading. The last ends where the authors or the "about" lines start.
 */
function parseProseWriteups(cur: Cursor, from: number, to: number): WriteupBody[] {
  const { lines } = cur;
  const glances: number[] = [];
  for (let i = from; i < to; i++) {
    tick(cur.deadline, lines[i]!);
    if (GLANCE_RE.test(lines[i]!.text) && !isTocLine(lines[i]!.raw)) glances.push(i);
  }
  let end = to;
  const last = glances.at(-1);
  if (last !== undefined) {
    const stop = lines.slice(last + 1, to).findIndex((l) => END_RE.test(l.text));
    if (stop >= 0) end = last + 1 + stop;
  }
  // A block starts at its heading: the nearest text line above its "At a glance".
  const starts = glances.map((g, i) => {
    const floor = i === 0 ? from : glances[i - 1]! + 1;
    for (let k = g - 1; k >= floor; k--) {
      const l = lines[k]!;
      if (!l.text || isTocLine(l.raw) || DEBRIS_RE.test(l.text)) continue;
      return isBullet(l.text) || COMMENT_RE.test(l.text) ? g : k;
    }
    return g;
  });
  return glances.map((_, i) => {
    const { summaryParts, ...body } = parseBody(cur, starts[i]!, i + 1 < glances.length ? starts[i + 1]! : end);
    return { index: i + 1, ...body, summaryParts };
  });
}

function parseWriteups(cur: Cursor, from: number, to: number): Writeup[] {
  const { lines, file } = cur;
  const out: Writeup[] = [];
  let blockStart = from;
  const seen = new Set<string>();
  for (let i = from; i < to; i++) {
    tick(cur.deadline, lines[i]!);
    if (!TITLE_RE.test(lines[i]!.text) || isTocLine(lines[i]!.raw)) continue;
    const titleIdx = i;
    // The title may wrap onto following lines (the Chinese title often does) until a blank line.
    const titleParts = [lines[i]!.text.replace(TITLE_RE, '')];
    let j = i + 1;
    while (j < to && lines[j]!.text && !ISSUER_RE.test(lines[j]!.text) && !DATE_RE.test(lines[j]!.text)) titleParts.push(lines[j++]!.text);
    let issuerIdx = -1;
    let dateIdx = -1;
    for (let k = j; k < Math.min(to, j + 12); k++) {
      const t = lines[k]!.text;
      if (issuerIdx < 0 && ISSUER_RE.test(t)) issuerIdx = k;
      else if (dateIdx < 0 && DATE_RE.test(t)) dateIdx = k;
      if (GLANCE_RE.test(t) || TITLE_RE.test(t)) break;
      if (issuerIdx >= 0 && dateIdx >= 0) break;
    }
    const titleLine = lines[titleIdx]!.no;
    // A write-up whose lines run out at the end of the text was cut off, not mistyped.
    if ((issuerIdx < 0 || dateIdx < 0) && to === lines.length && !lines.slice(j).some((l) => TITLE_RE.test(l.text))) {
      cutOff(cur, 'a write-up');
      return out;
    }
    if (issuerIdx < 0) throw new BriefError(file, titleLine, 'write-up has no "Issuing body:" line after its title (truncated or mistyped?).');
    if (dateIdx < 0) throw new BriefError(file, titleLine, 'write-up has no "Date:" line after its title (truncated or mistyped?).');

    const dateText = lines[dateIdx]!.text.replace(DATE_RE, '');
    const parsedDate = parseFullDate(dateText);
    if (!parsedDate) throw new BriefError(file, lines[dateIdx]!.no, `cannot read the date "${dateText}"; write it like "December 19, 2022".`);
    if ('error' in parsedDate) throw new BriefError(file, lines[dateIdx]!.no, `${parsedDate.error}.`);

    const { title, titleZh } = splitTitle(titleParts.join(' '));
    if (!title) throw new BriefError(file, titleLine, 'write-up title is empty.');
    const issuerText = lines[issuerIdx]!.text.replace(ISSUER_RE, '').trim();
    const issuersIncomplete = ET_AL.test(issuerText);
    const issuers = splitTopLevel(issuersIncomplete ? issuerText.replace(ET_AL_CLAUSE, '') : issuerText, ',;，、')
      .map((s) => s.replace(TRAILING_DOTS, '').trim())
      .filter(Boolean);
    if (!issuers.length) throw new BriefError(file, lines[issuerIdx]!.no, 'the issuing body line names no issuer.');

    const { summaryParts: _parts, ...body } = parseBody(cur, blockStart, titleIdx);
    const key = `${title.toLowerCase()}|${parsedDate.iso}`;
    const end = Math.max(issuerIdx, dateIdx);
    blockStart = end + 1;
    i = end;
    if (seen.has(key)) {
      cur.warnings.push({ line: titleLine, message: `duplicate write-up "${title}"; kept once.` });
      continue;
    }
    seen.add(key);
    out.push({
      index: out.length + 1,
      ...body,
      title,
      ...(titleZh ? { titleZh } : {}),
      titleLine,
      issuers,
      issuerText,
      issuerLine: lines[issuerIdx]!.no,
      issuerLineText: lines[issuerIdx]!.text,
      issuersIncomplete,
      date: parsedDate.iso,
      dateLine: lines[dateIdx]!.no,
    });
  }
  // Text after the last write-up that starts another one means the brief was cut off mid-item.
  for (let i = blockStart; i < to; i++) {
    if (GLANCE_RE.test(lines[i]!.text)) {
      if (to === lines.length) {
        cutOff(cur, 'a write-up');
        break;
      }
      throw new BriefError(file, lines[i]!.no, 'a write-up starts here but has no Article/Issuing body/Date lines (truncated brief?).');
    }
  }
  return out;
}

/** Heading, "At a glance" summary and bullets, and "MERICS comment" of one write-up block. */
function parseBody(
  cur: Cursor,
  from: number,
  to: number,
): Pick<WriteupBody, 'heading' | 'headingLine' | 'summary' | 'summaryLine' | 'summaryParts' | 'bullets' | 'comment'> {
  const { lines } = cur;
  const glance = lines.slice(from, to).findIndex((l) => GLANCE_RE.test(l.text));
  const glanceIdx = glance >= 0 ? from + glance : from;
  let heading: Line | undefined;
  for (let k = glanceIdx - 1; k >= from; k--) {
    const l = lines[k]!;
    if (!l.text || isTocLine(l.raw) || DEBRIS_RE.test(l.text)) continue;
    if (TOP5_RE.test(l.text) || DATE_RE.test(l.text)) break;
    heading = l;
    break;
  }
  const summary: SourceRef[] = [];
  const bullets: SourceRef[] = [];
  const comment: SourceRef[] = [];
  let mode: 'summary' | 'comment' = 'summary';
  for (let k = glanceIdx; k < to; k++) {
    const l = lines[k]!;
    tick(cur.deadline, l);
    let t = l.text;
    if (!t || isTocLine(l.raw) || DEBRIS_RE.test(t)) continue;
    if (GLANCE_RE.test(t)) t = t.replace(GLANCE_RE, '');
    else if (COMMENT_RE.test(t)) {
      mode = 'comment';
      t = t.replace(COMMENT_RE, '');
    }
    if (mode === 'summary') {
      if (isBullet(l.text)) bullets.push({ line: l.no, text: stripBullet(t) });
      else if (t) summary.push({ line: l.no, text: t });
    } else comment.push({ line: l.no, text: isBullet(t) ? stripBullet(t) : t });
  }
  return {
    ...(heading ? { heading: heading.text.replace(/^\d{1,2}\s*[.)]\s*/, ''), headingLine: heading.no } : {}),
    summary: summary
      .map((x) => x.text)
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim(),
    summaryParts: summary,
    summaryLine: lines[glanceIdx]?.no ?? 1,
    bullets,
    comment,
  };
}

const OPEN_QUOTES = /[“"‘'《「『]/;
const LINK_TAIL = /^\s*\(\s*(?:links?\b|link\s*\d)[^()]*\)?\s*$/i;

/**
 * One trailing "(Link)", "(link 2)", "(Links: …)" removed, as s.replace(/\s*\(\s*(?:links?\b|…)…$/i, '')
 * did. The tail holds exactly one "(", the last one, so only the text from there is matched: the
 * whole-title search, repeated once per tail, was quadratic in a title of many "(link)"s.
 */
function stripLinkTail(s: string): string {
  const open = s.lastIndexOf('(');
  if (open < 0) return s;
  let from = open;
  while (from > 0 && isBlank(s[from - 1]!)) from--;
  return LINK_TAIL.test(s.slice(from)) ? s.slice(0, from) : s;
}

/** "English title (中文标题) (Link)" in its variants → English and Chinese titles. */
export function splitTitle(raw: string): { title: string; titleZh?: string } {
  let s = raw.replace(/\s+/g, ' ').trim();
  for (let prev = ''; prev !== s;) {
    prev = s;
    s = stripLinkTail(s).trim();
  }
  const cjk = firstCjkIndex(s);
  let en = s;
  let zh: string | undefined;
  if (cjk >= 0) {
    let start = cjk;
    while (start > 0 && OPEN_QUOTES.test(s[start - 1]!)) start--;
    let k = start - 1;
    while (k >= 0 && s[k] === ' ') k--;
    if (k >= 0 && (s[k] === '(' || s[k] === '（')) {
      const close = matchParen(s, k);
      zh = (close > 0 ? s.slice(k + 1, close) : s.slice(k + 1)).trim();
      en = s.slice(0, k);
    } else {
      zh = s.slice(start).trim();
      en = s.slice(0, start);
    }
  }
  return { title: cleanEnglishTitle(en), ...(zh ? { titleZh: zh } : {}) };
}

function cleanEnglishTitle(s: string): string {
  let t = s.replace(/\s+/g, ' ').trim().replace(TRAILING_OPENERS, '').trim();
  const opens = (t.match(/[“]/g) ?? []).length;
  const closes = (t.match(/[”]/g) ?? []).length;
  if (/^[“"].*[”"]$/.test(t) && opens <= 1 && closes <= 1) t = t.slice(1, -1).trim();
  else if (t.startsWith('“') && opens > closes) t = t.slice(1).trim();
  return t;
}

interface RawNews {
  /** Undefined in a section without policy/corporate sub-headings (the prose layout's). */
  kind?: 'policy' | 'corporate';
  month: number;
  /** 0 for an undated item dated by the briefing's month. */
  day: number;
  year?: number;
  dateText: string;
  text: string;
  sources: string[];
  line: number;
  raw: string;
}

/** `month` ("2021-01"): the briefing's month, which dates the undated bullets of the prose layout. */
function parseNews(cur: Cursor, from: number, month?: string): RawNews[] {
  const { lines } = cur;
  const headings = newsHeadings();
  // The earlier layout's "In other news" lists items without policy/corporate sub-headings.
  const unsorted = cur.layout === 'prose';
  const out: RawNews[] = [];
  let kind: RawNews['kind'] | undefined;
  let open: { item: Omit<RawNews, 'sources' | 'text'>; parts: string[] } | undefined;
  let ended = false;
  const close = () => {
    if (!open) return;
    const { text, sources } = splitCitation(open.parts.join(' ').replace(/\s+/g, ' ').trim());
    if (text) out.push({ ...open.item, text, sources });
    open = undefined;
  };
  for (let k = from; k < lines.length; k++) {
    const l = lines[k]!;
    tick(cur.deadline, l);
    const t = l.text;
    if (!t || isTocLine(l.raw)) continue;
    if (END_RE.test(t)) {
      ended = true;
      break;
    }
    const heading = headings.kindOf(t);
    if (heading) {
      close();
      kind = heading;
      continue;
    }
    if (!kind && !unsorted) continue;
    const body = stripBullet(t).replace(/^\*(?=\S)/, '');
    const dated = parseDayMonthPrefix(body);
    if (dated) {
      close();
      const dateText = body.slice(0, body.length - dated.rest.length).replace(TRAILING_DATE_PUNCT, '');
      open = {
        item: {
          ...(kind ? { kind } : {}),
          month: dated.month,
          day: dated.day,
          ...(dated.year ? { year: dated.year } : {}),
          dateText,
          line: l.no,
          raw: l.raw.trim(),
        },
        parts: [dated.rest],
      };
    } else if (unsorted && month && isBullet(t)) {
      close();
      open = {
        item: {
          ...(kind ? { kind } : {}),
          month: Number(month.slice(5, 7)),
          day: 0,
          year: Number(month.slice(0, 4)),
          dateText: month,
          line: l.no,
          raw: l.raw.trim(),
        },
        parts: [body],
      };
    } else if (open && !DEBRIS_RE.test(t)) {
      // A bullet broken over two lines (sometimes across a page break).
      open.parts.push(body);
      open.item.raw += ` ${l.raw.trim()}`;
    } else if (!DEBRIS_RE.test(t)) {
      cur.warnings.push({ line: l.no, message: `news line without a date ("${t.slice(0, 60)}…"); skipped.` });
    }
  }
  close();
  // The text ends in a news item that names no source and does not end a sentence: cut off mid-item.
  const last = out.at(-1);
  if (!ended && last && !last.sources.length && !/[.!?)”"']$/.test(last.text)) {
    out.pop();
    cutOff(cur, 'a news item');
  }
  return out;
}

/** "… text (Reuters article; MIIT notice (CN))" → text and the cited sources. */
export function splitCitation(s: string): { text: string; sources: string[] } {
  const split = splitTrailingParens(s);
  if (split && citationWords().mentionsSource(split[1])) {
    return { text: split[0].replace(TRAILING_SEPARATORS, ''), sources: splitSources(split[1]) };
  }
  // An unclosed citation at the very end: "… (Reuters article"
  const open = unclosedCitation(s);
  if (open >= 0 && citationWords().mentionsSource(s.slice(open + 2)))
    return { text: s.slice(0, open).replace(TRAILING_SEPARATORS, ''), sources: splitSources(s.slice(open + 2)) };
  return { text: s, sources: [] };
}

/**
 * Where /\s\(([^()]*(?:\([^()]*\)[^()]*)*)$/ matches: the first whitespace-and-"(" after which
 * the rest of the text holds only closed, unnested parentheses; -1 if none. The regex scanned to
 * the end from every " (", quadratic in a line of " (a) (a) …"; this is one pass from the end.
 */
function unclosedCitation(s: string): number {
  // Walking back, ok0/ok1 say whether the text after position i reads to the end from depth 0/1
  // (one "(" open); ok0Next is ok0 one position later.
  let ok0 = true;
  let ok1 = false;
  let ok0Next = false;
  let found = -1;
  for (let i = s.length - 1; i >= 0; i--) {
    if (s[i + 1] === '(' && ok0Next && isBlank(s[i]!)) found = i;
    const after = ok0;
    const c = s[i];
    if (c === '(') [ok0, ok1] = [ok1, false];
    else if (c === ')') [ok0, ok1] = [false, ok0];
    ok0Next = after;
  }
  return found;
}

function splitSources(inner: string): string[] {
  return splitTopLevel(inner, ';,')
    .map((x) => x.replace(/(?<!\s)\s*\((?:CN|EN|ZH|DE)\)\s*$/i, '').trim())
    .filter(Boolean);
}
