import { Deadline } from '../parse/budget.js';
import type { NewsLine, ParsedBrief } from '../parse/schema.js';
import { sentenceAround } from '../parse/text.js';
import { AgencyResolver, type AgencyRef } from './agencies.js';
import { CompanyFinder, companyNodeId, type CompanyContext, type CompanyMention } from './companies.js';
import { evidenceProps } from './evidence.js';
import { rememberRecent } from '../recent.js';
import { compileOnce, nameKey, numberWord, slug, zhNumber } from './normalize.js';
import { readProsePolicy, type ProsePolicy } from './prosePolicy.js';
import { readNewsPolicy, type NewsPolicy } from './newsPolicy.js';
import { newsNodeId, policyNodeId, titleKey, titleZhKey } from '../graph/ids.js';
import type { Registry } from './registry.js';
import { citationWords } from '../parse/citations.js';
import { nodeId, type NodeLabel, type RelType } from '../graph/model.js';
import type { ExtractedGraph, GraphNode, GraphRel } from './schema.js';
import { SectorTagger, type SectorHit } from './sectors.js';
import { extractTargets } from './targets.js';

/** A write-up's policy fields; one read from prose may have no date. */
type PolicyWriteup = ProsePolicy['writeup'];

/** Used only when no taxonomy keyword fits, so every policy still targets a sector. */
const FALLBACK_SECTOR = { id: 'cross-sector', name: 'Cross-sector industrial policy' };

const LED_BY =
  /\b(?:(\w+)\s+(?:other\s+)?(?:central\s+)?(?:government\s+)?(?:bodies|agencies|ministries|departments|authorities|regulators|government bodies|government agencies|central agencies|institutions))\b[^.;]{0,20}?\bled by\s+(?:the\s+)?/i;

/**
 * Parsed brief → graph rows with provenance. Pure: same brief and registry, same rows.
 * Node ids are stable keys so a re-import MERGEs onto the same nodes.
 */
export function extractBrief(brief: ParsedBrief, registry: Registry, deadline = new Deadline(brief.file)): ExtractedGraph {
  const b = new Builder(brief, agencyNames(registry));
  const agencies = new AgencyResolver(registry.agencies);
  agencies.learnDefinitions(proseOf(brief));
  const companies = new CompanyFinder({
    gazetteer: registry.companies,
    agencies,
    outlets: registry.outlets,
    places: registry.places,
    cues: registry.companyCues,
  });
  const sectors = new SectorTagger(registry.sectors);
  for (const note of agencies.notes) b.warn(note);

  const briefId = nodeId('Brief', brief.id);
  b.node(briefId, 'Brief', {
    name: brief.title,
    title: brief.title,
    topics: brief.topics,
    ...(brief.date ? { date: brief.date } : {}),
    dateStated: brief.dateStated,
    authors: brief.authors,
    source: brief.file,
    // Only the earlier layout is marked: the seeds' graph stays as it was.
    ...(brief.layout === 'prose' ? { layout: brief.layout } : {}),
  });

  const policies: { w: PolicyWriteup; fromProse?: ProsePolicy }[] = brief.writeups.map((w) => ({ w }));
  for (const body of brief.proseWriteups) {
    deadline.check(body.summaryLine);
    const read = readProsePolicy(body, { agencies, words: registry.documents, ...(brief.date ? { briefDate: brief.date } : {}) });
    if ('reason' in read)
      b.warn(
        `write-up ${body.index}${body.heading ? ` ("${body.heading.slice(0, 60)}")` : ''}: no policy read from its prose: ${read.reason}.`,
        body.summaryLine,
      );
    else policies.push({ w: read.writeup, fromProse: read });
  }

  // Write-up policies by Chinese title and by normalised title: a news line naming one of them
  // announces that policy rather than a second node.
  const stated = new Map<string, string>();
  for (const { w, fromProse } of policies) {
    deadline.check(w.titleLine);
    // Issuers: first listed leads unless the summary says "N bodies led by X".
    const issuers = resolveIssuers(w.issuers, w.titleZh, w.issuerLine, agencies, b);
    const ledBy = leadFromSummary(w.summary, agencies);
    const lead = ledBy && issuers.some((i) => i.id === ledBy.id) ? ledBy.id : issuers[0]?.id;
    const policyId = policyNodeId({ title: w.title, titleZh: w.titleZh, leadIssuer: lead });
    if (w.titleZh) stated.set(`zh:${titleZhKey(w.titleZh)}`, policyId);
    stated.set(`en:${titleKey(w.title)}`, policyId);
    const status = fromProse?.status === 'draft' || /\bdraft\b/i.test(w.title) || /征求意见稿|草案|建议稿/.test(w.titleZh ?? '') ? 'draft' : 'final';
    const targets = extractTargets(w.bullets, w.summary, registry.targetUnits);
    const count = fromProse?.issuerCountStated ?? statedIssuerCount(w);
    if (!w.date) b.warn(`write-up ${w.index}: "${w.title.slice(0, 60)}" gives no date and the brief states no month; kept without a date.`, w.titleLine);
    b.node(policyId, 'Policy', {
      name: w.title,
      title: w.title,
      // 'official': the write-up's Article line; a prose policy's title is the reader's.
      titleKind: fromProse ? fromProse.titleKind : 'official',
      ...(w.titleZh ? { titleZh: w.titleZh } : {}),
      ...(w.date ? { date: w.date } : {}),
      summary: w.summary,
      keyPoints: w.bullets.map((x) => x.text),
      ...(w.heading ? { heading: w.heading } : {}),
      status,
      targets: targets.map((t) => t.text),
      issuerText: w.issuerText,
      issuersIncomplete: w.issuersIncomplete,
      ...(count ? { issuerCountStated: count } : {}),
      // A prose policy's evidence is the sentence its title, issuers and date were read from.
      evidence: fromProse ? w.issuerLineText : lineEvidence(w.title, w.titleZh),
      line: w.titleLine,
      ...(fromProse ? { extraction: 'prose', ...(fromProse.datePrecision !== 'day' ? { datePrecision: fromProse.datePrecision } : {}) } : {}),
    });
    b.rel('COVERS', briefId, policyId, { evidence: w.heading ?? w.title, line: w.headingLine ?? w.titleLine });

    for (const ref of issuers) {
      b.agency(ref);
      b.rel('ISSUED_BY', policyId, ref.id, {
        lead: ref.id === lead,
        surface: ref.surface,
        evidence: w.issuerLineText,
        line: w.issuerLine,
        ...(fromProse ? { extraction: 'prose' } : {}),
      });
    }

    const hits = sectors.tag([
      { text: w.title, weight: 4 },
      { text: w.titleZh ?? '', weight: 3 },
      { text: w.heading ?? '', weight: 2 },
      { text: w.summary, weight: 1 },
      { text: w.bullets.map((x) => x.text).join(' '), weight: 1 },
    ]);
    const chosen = hits.length ? hits : sectors.tag([{ text: w.comment.map((c) => c.text).join(' '), weight: 1 }], { max: 1, minScore: 1 });
    if (chosen.length) {
      for (const h of chosen) {
        b.node(nodeId('Sector', h.sector.id), 'Sector', { name: h.sector.name, keywords: h.sector.keywords });
        b.rel('TARGETS', policyId, nodeId('Sector', h.sector.id), { score: h.score, evidence: h.evidence, line: w.summaryLine });
      }
    } else {
      b.node(nodeId('Sector', FALLBACK_SECTOR.id), 'Sector', { name: FALLBACK_SECTOR.name, keywords: [] });
      b.rel('TARGETS', policyId, nodeId('Sector', FALLBACK_SECTOR.id), { score: 0, evidence: w.title, line: w.titleLine });
      b.warn(`no sector keyword fits "${w.title}"; tagged ${FALLBACK_SECTOR.id} (extend server/extract/data/sectors.json).`, w.titleLine);
    }

    targets.forEach((t, i) => {
      const tid = nodeId('Target', `${policyId}:${i + 1}`);
      const bullet = w.bullets.find((x) => x.text === t.text)!;
      b.node(tid, 'Target', {
        name: t.text.length > 80 ? `${t.text.slice(0, 77)}…` : t.text,
        text: t.text,
        values: t.values,
        ...(t.year ? { year: t.year } : {}),
        evidence: t.text,
        line: bullet.line,
      });
      b.rel('HAS_TARGET', policyId, tid, { evidence: t.text, line: bullet.line });
    });

    const prose = [{ text: w.summary, line: w.summaryLine }, ...w.bullets, ...w.comment];
    for (const p of prose) {
      deadline.check(p.line);
      companyMentions(b, companies, p.text, 'analysis', policyId, p.line);
    }
  }

  for (const n of brief.news) {
    deadline.check(n.line);
    const news = extractNews(b, n, briefId, { agencies, companies, sectors });
    // A line the brief files under corporate news announces no policy document.
    if (n.kind === 'corporate') continue;
    const read = readNewsPolicy(n, news.companies, { agencies, companies, words: registry.documents, ...(brief.date ? { briefDate: brief.date } : {}) });
    if (read) newsLinePolicy(b, n, news, read, stated, { agencies, companies, sectors });
  }

  b.mergeCompanyVariants((t) => companies.isPlace(t));
  // The rows are built to the extractedGraph schema (tests parse every seed and fuzzed brief with
  // it); parsing them again here cost a tenth of extraction time.
  return { brief: brief.id, nodes: b.finishedNodes(), relationships: b.rels, warnings: b.warnings };
}

interface Readers {
  agencies: AgencyResolver;
  companies: CompanyFinder;
  sectors: SectorTagger;
}

/** What a news line's item was found to name, for the policy the line may announce. */
interface NewsFacts {
  id: string;
  /** "Six agencies led by X …": the lead the line names. */
  ledBy: AgencyRef | undefined;
  sectors: SectorHit[];
  companies: CompanyMention[];
}

/** The news item of a line and what it involves. */
function extractNews(b: Builder, n: NewsLine, briefId: string, ctx: Readers): NewsFacts {
  const kind = n.kind ?? newsKind(n.text, ctx.agencies);
  const newsId = b.newsId(n);
  b.node(newsId, 'NewsItem', {
    name: `${n.date}: ${n.text.slice(0, 80)}${n.text.length > 80 ? '…' : ''}`,
    date: n.date,
    kind,
    text: n.text,
    sources: n.sources,
    evidence: n.raw,
    line: n.line,
    ...(n.kind ? {} : { kindInferred: true }),
    ...(n.date.length === 7 ? { datePrecision: 'month' } : {}),
  });
  b.rel('REPORTS', briefId, newsId, { evidence: n.raw, line: n.line });

  const ledBy = leadFromSummary(n.text, ctx.agencies);
  const involved = new Map<string, { ref: AgencyRef; evidence: string }>();
  for (const m of ctx.agencies.findMentions(n.text))
    if (!involved.has(m.ref.id)) involved.set(m.ref.id, { ref: m.ref, evidence: sentenceAround(n.text, m.start, m.end) });
  for (const src of n.sources) {
    const ref = ctx.agencies.findMentions(src)[0]?.ref;
    if (ref && !involved.has(ref.id)) involved.set(ref.id, { ref, evidence: `Source: ${src}` });
  }
  for (const { ref, evidence } of involved.values()) {
    b.agency(ref);
    b.rel('INVOLVES', newsId, ref.id, { lead: ledBy?.id === ref.id, evidence, line: n.line });
  }

  const about = ctx.sectors.tag([{ text: n.text, weight: 1 }], { max: 2, minScore: 1 });
  for (const h of about) {
    b.node(nodeId('Sector', h.sector.id), 'Sector', { name: h.sector.name, keywords: h.sector.keywords });
    b.rel('ABOUT', newsId, nodeId('Sector', h.sector.id), { score: h.score, evidence: h.evidence, line: n.line });
  }

  const named = ctx.companies.find(n.text, kind === 'corporate' ? 'corporate-news' : 'policy-news');
  linkCompanies(b, ctx.companies, named, n.text, newsId, n.line);
  for (const src of n.sources) {
    const named = ctx.companies.fromSource(src);
    for (const name of named) b.company({ name, rule: 'press-release', registry: ctx.companies.inRegistry(name) }, newsId, `Source: ${src}`, n.line);
    if (named.length || ctx.agencies.findMentions(src).length) continue;
    // "Reuters article" → Reuters, but the Washington Post stays whole.
    const outlet = (ctx.companies.isOutlet(src) ? src : citationWords().withoutSourceWord(src))
      .replace(/^the\s+/i, (m) => (ctx.companies.isOutlet(src.slice(4)) ? '' : m))
      .trim();
    if (!outlet) continue;
    const oid = nodeId('Outlet', slug(outlet));
    b.node(oid, 'Outlet', { name: outlet });
    b.rel('CITES', newsId, oid, { evidence: `Source: ${src}`, line: n.line });
  }

  for (const place of placesIn(n.text, ctx.companies)) {
    const pid = nodeId('Place', slug(place));
    b.node(pid, 'Place', { name: place });
    b.rel('LOCATED_IN', newsId, pid, { evidence: sentenceAround(n.text, n.text.indexOf(place)), line: n.line });
  }
  return { id: newsId, ledBy, sectors: about, companies: named };
}

/**
 * The policy a news line announces: a write-up's policy of the brief when the line names it (same
 * Chinese or normalised title), else a policy of its own with the line's date, issuers and sentence.
 * Every fact of it has the line as evidence (one cleaning, shared with its news item).
 */
function newsLinePolicy(b: Builder, n: NewsLine, news: NewsFacts, p: NewsPolicy, stated: Map<string, string>, ctx: Readers): void {
  const newsId = news.id;
  const known = (p.titleZh && stated.get(`zh:${titleZhKey(p.titleZh)}`)) || stated.get(`en:${titleKey(p.title)}`);
  if (known) {
    b.rel('ANNOUNCES', newsId, known, { evidence: n.raw, line: n.line });
    return;
  }
  const issuers = resolveIssuers(p.issuers.parts, p.titleZh, n.line, ctx.agencies, b);
  const { ledBy } = news;
  const lead = ledBy && issuers.some((i) => i.id === ledBy.id) ? ledBy.id : issuers[0]?.id;
  const policyId = policyNodeId({ title: p.title, titleZh: p.titleZh, leadIssuer: lead });
  b.node(policyId, 'Policy', {
    name: p.title,
    title: p.title,
    titleKind: p.titleKind,
    ...(p.titleZh ? { titleZh: p.titleZh } : {}),
    date: n.date,
    ...(n.date.length === 7 ? { datePrecision: 'month' } : {}),
    summary: n.text,
    keyPoints: [],
    status: p.status,
    level: p.level,
    targets: [],
    issuerText: p.issuers.text,
    issuersIncomplete: p.issuers.incomplete,
    ...(p.issuers.count ? { issuerCountStated: p.issuers.count } : {}),
    ...(p.issuers.unnamed ? { unnamedIssuers: p.issuers.unnamed } : {}),
    evidence: n.raw,
    line: n.line,
    extraction: 'news',
  });
  b.rel('ANNOUNCES', newsId, policyId, { evidence: n.raw, line: n.line });
  for (const ref of issuers) {
    b.agency(ref);
    b.rel('ISSUED_BY', policyId, ref.id, { lead: ref.id === lead, surface: ref.surface, evidence: n.raw, line: n.line, extraction: 'news' });
  }
  // The title decides the sector; else the line's own sectors (tagged once, for the news item).
  const byTitle = ctx.sectors.tag([
    { text: p.title, weight: 4 },
    { text: p.titleZh ?? '', weight: 3 },
  ]);
  const hits = byTitle.length ? byTitle : news.sectors;
  if (hits.length)
    for (const h of hits) {
      b.node(nodeId('Sector', h.sector.id), 'Sector', { name: h.sector.name, keywords: h.sector.keywords });
      b.rel('TARGETS', policyId, nodeId('Sector', h.sector.id), { score: h.score, evidence: n.raw, line: n.line });
    }
  else {
    b.node(nodeId('Sector', FALLBACK_SECTOR.id), 'Sector', { name: FALLBACK_SECTOR.name, keywords: [] });
    b.rel('TARGETS', policyId, nodeId('Sector', FALLBACK_SECTOR.id), { score: 0, evidence: n.raw, line: n.line });
  }
  for (const m of news.companies) b.company({ ...m, registry: ctx.companies.inRegistry(m.name) }, policyId, n.raw, n.line);
}

/** Words within which an agency makes an unsorted news item policy news ("During a meeting of the NDRC, …"). */
const SUBJECT_WORDS = 10;
/** "Four central agencies published …": a subject of unnamed bodies. */
const BODIES_SUBJECT =
  /^(?:\w+ )?(?:other )?(?:central |government |state |national )*(?:agencies|ministries|departments|bodies|regulators|authorities|commissions)\b/i;

/**
 * Policy or corporate news, for a section that does not say: policy news when an agency is the
 * item's subject ("The MIIT issued …", "Six agencies led by the MEE …"), corporate news otherwise.
 */
function newsKind(text: string, agencies: AgencyResolver): 'policy' | 'corporate' {
  if (BODIES_SUBJECT.test(text)) return 'policy';
  const first = agencies.findMentions(text)[0];
  if (!first) return 'corporate';
  const before = text.slice(0, first.start).trim();
  return before.split(' ').filter(Boolean).length < SUBJECT_WORDS && !/[.;]/.test(before) ? 'policy' : 'corporate';
}

function companyMentions(b: Builder, companies: CompanyFinder, text: string, context: CompanyContext, target: string, line: number): void {
  linkCompanies(b, companies, companies.find(text, context), text, target, line);
}

function linkCompanies(b: Builder, companies: CompanyFinder, found: CompanyMention[], text: string, target: string, line: number): void {
  for (const m of found) b.company({ ...m, registry: companies.inRegistry(m.name) }, target, sentenceAround(text, m.start, m.end), line);
}

/** Places named in a news line (for the map of where things happen). */
function placesIn(text: string, companies: CompanyFinder): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}\b/g)) {
    const t = m[0];
    if (t !== 'China' && companies.isPlace(t)) out.add(t);
  }
  return [...out];
}

function resolveIssuers(parts: string[], titleZh: string | undefined, line: number, agencies: AgencyResolver, b: Builder): AgencyRef[] {
  const refs: AgencyRef[] = [];
  const ids = new Set<string>();
  let described = false;
  const unresolvedParts: AgencyRef[] = [];
  for (const part of parts) {
    const got = agencies.resolveIssuer(part, titleZh);
    for (const r of got) {
      if (r.note) b.warn(r.note, line);
      if (!r.entry) unresolvedParts.push(r);
      else {
        if (r.namedInside) described = true;
        keepOnce(refs, ids, r);
      }
    }
  }
  // A long issuer description ("CASS's … project, research group for …") names its body once;
  // the remaining clauses describe that body rather than naming other issuers.
  for (const u of unresolvedParts) {
    if (described && u.surface.split(/\s+/).length > 5) continue;
    keepOnce(refs, ids, u);
  }
  return refs;
}

/** `r` added to `refs` unless its id is in `ids`. Not a closure: tsx names each one as it is made, per issuer list here. */
function keepOnce(refs: AgencyRef[], ids: Set<string>, r: AgencyRef): void {
  if (ids.has(r.id)) return;
  ids.add(r.id);
  refs.push(r);
}

function leadFromSummary(text: string, agencies: AgencyResolver): AgencyRef | undefined {
  // LED_BY tries its alternation at every word; most texts never say "led by".
  if (!/led by\s/i.test(text)) return undefined;
  const m = LED_BY.exec(text) ?? /\bled by\s+(?:the\s+)?/i.exec(text);
  if (!m) return undefined;
  const after = text.slice(m.index + m[0].length);
  const first = agencies.findMentions(after)[0];
  return first && first.start < 5 ? first.ref : undefined;
}

/** "Sixteen government bodies led by …" or "…等十六部门" in the Chinese title. */
function statedIssuerCount(w: PolicyWriteup): number | undefined {
  const zh = /等([一二两三四五六七八九十]{1,3})(?:个)?部(?:门|委)/.exec(w.titleZh ?? '');
  if (zh) return zhNumber(zh[1]!);
  const en = /\b(\w+)\s+(?:other\s+)?(?:central\s+)?(?:government\s+)?(?:bodies|agencies|ministries|departments)\b/i.exec(w.summary);
  const n = en ? numberWord(en[1]!) : undefined;
  return n && n > 1 && n < 60 ? n : undefined;
}

const lineEvidence = (title: string, zh?: string) => (zh ? `${title} (${zh})` : title);

function proseOf(brief: ParsedBrief): string {
  return [
    ...[...brief.writeups, ...brief.proseWriteups].flatMap((w) => [w.summary, ...w.bullets.map((x) => x.text), ...w.comment.map((c) => c.text)]),
    ...brief.news.map((n) => n.text),
  ].join('\n');
}

const namesOf = compileOnce((agencies: Registry['agencies']) => new Map(agencies.map((e) => [e.id, e.acronyms[0] ? `${e.name} (${e.acronyms[0]})` : e.name])));

/** Registry id → the name a reader knows ("State Council", "National Development and Reform Commission (NDRC)"); built once per registry. */
function agencyNames(registry: Registry): (id: string) => string | undefined {
  const names = namesOf(registry.agencies);
  return (id) => names.get(id);
}

/**
 * The supervising body as people read it (`parent`), and its node id for queries (`parentId`):
 * registry ids such as STATE_COUNCIL are keys, never display text.
 */
function parentProps(parent: string, nameOf: (id: string) => string | undefined): { parent: string; parentId: string } {
  return { parent: nameOf(parent) ?? parent, parentId: nodeId('Agency', parent) };
}

/** Collects nodes (merged by id) and relationships (deduplicated by type, ends and evidence). */
/** Whether `head`'s keys are the first keys of `whole`, in the same order. */
function leadsWith(whole: object, head: object): boolean {
  const keys = Object.keys(whole);
  let i = 0;
  for (const k in head) if (keys[i++] !== k) return false;
  return true;
}

class Builder {
  readonly nodes = new Map<string, GraphNode>();
  readonly rels: GraphRel[] = [];
  readonly warnings: { line?: number; message: string }[] = [];
  readonly #relKeys = new Set<string>();
  readonly #messages = new Set<string>();
  // A sentence is the evidence of every fact found in it, and those facts are built one after
  // another: clean it once. Eight: a news line is the evidence of its item and, after the item's
  // other facts, of the policy it announces.
  readonly #clean = rememberRecent(8, evidenceProps);

  constructor(
    readonly brief: ParsedBrief,
    readonly agencyName: (id: string) => string | undefined = () => undefined,
  ) {
    for (const w of brief.warnings) {
      this.warnings.push(w);
      this.#messages.add(w.message);
    }
  }

  /**
   * A news item's id from its date and text (graph/ids.ts). Two lines of one day that begin with
   * the same words are told apart by a suffix in the order they come: rare, and only they move.
   */
  newsId(n: NewsLine): string {
    const base = newsNodeId(n);
    let id = base;
    for (let k = 2; this.nodes.has(id) && this.nodes.get(id)!.properties.text !== n.text; k++) id = `${base}~${k}`;
    return id;
  }

  warn(message: string, line?: number) {
    if (this.#messages.has(message)) return;
    this.#messages.add(message);
    this.warnings.push({ ...(line ? { line } : {}), message });
  }

  node(id: string, label: NodeLabel, given: Record<string, GraphNode['properties'][string]>) {
    const existing = this.nodes.get(id);
    // The first evidence of a node stands. A later one is not cleaned: its `raw` would sit beside
    // the other sentence.
    const props = typeof given.evidence === 'string' && existing?.properties.evidence === undefined ? { ...given, ...this.#clean(given.evidence) } : given;
    if (existing) {
      // A sector, place or news item met again with the properties it was made with: the merge
      // below would rebuild the same object (the same keys in the same order, the first values).
      if (props.aliases === undefined && existing.properties.aliases === undefined && leadsWith(existing.properties, props)) return;
      const aliases = new Set([...((existing.properties.aliases as string[] | undefined) ?? []), ...((props.aliases as string[] | undefined) ?? [])]);
      existing.properties = { ...props, ...existing.properties, ...(aliases.size ? { aliases: [...aliases] } : {}) };
      return;
    }
    // `given` is the caller's; a merged `props` is already a copy.
    this.nodes.set(id, { id, label, properties: props === given ? { ...props } : props });
  }

  rel(type: RelType, source: string, target: string, props: Record<string, GraphRel['properties'][string]> & { evidence: string; line: number }) {
    // Every fact must point back to its sentence and line; a rule that found none is a bug.
    if (!props.evidence || !(props.line > 0)) throw new Error(`${this.brief.file}: ${type} ${source} → ${target} has no evidence or line (extraction bug)`);
    const key = `${type}|${source}|${target}`;
    if (this.#relKeys.has(key)) return;
    this.#relKeys.add(key);
    this.rels.push({ type, source, target, properties: { ...props, ...this.#clean(props.evidence), brief: this.brief.id } });
  }

  agency(ref: AgencyRef) {
    const e = ref.entry;
    const existing = this.nodes.get(ref.id);
    if (existing) {
      // The same body again (every issuer list and news line names some): its properties are the
      // ones it was made with, so merging them again would only dedupe the aliases. Done here
      // without rebuilding the node.
      const aliases = existing.properties.aliases as string[];
      if (e && new Set(aliases).size !== aliases.length) existing.properties.aliases = [...new Set(aliases)];
      return;
    }
    if (e) {
      this.node(ref.id, 'Agency', {
        name: e.name,
        nameZh: e.nameZh,
        ...(e.acronyms[0] ? { acronym: e.acronyms[0] } : {}),
        aliases: [...e.acronyms, ...e.aliases],
        type: e.type,
        resolved: true,
        ...(e.parent ? parentProps(e.parent, this.agencyName) : {}),
      });
    } else {
      this.node(ref.id, 'Agency', { name: ref.surface, aliases: [], resolved: false, evidence: ref.surface });
    }
  }

  /**
   * A company mention. `registry`: the gazetteer knows it; a company found only by a cue or the
   * sentence's shape is written with `registry: false`, for an analyst to review.
   */
  company(m: { name: string; rule: string; registry: boolean; key?: string; surface?: string }, target: string, evidence: string, line: number) {
    const { name, rule, registry, key = nameKey(m.name), surface = m.name } = m;
    const id = companyNodeId(key);
    const existing = this.nodes.get(id);
    if (existing) {
      existing.properties.aliases = [...new Set([...(existing.properties.aliases as string[]), surface])].filter((a) => a !== existing.properties.name);
      if (registry) existing.properties.registry = true;
    } else this.node(id, 'Company', { name, aliases: surface === name ? [] : [surface], key, registry, evidence, line });
    this.rel('MENTIONED_IN', id, target, { rule, surface, evidence, line });
  }

  /** The nodes with their search strings, derived once from their final names and aliases. */
  finishedNodes(): GraphNode[] {
    const out: GraphNode[] = [];
    for (const n of this.nodes.values()) {
      Object.assign(n.properties, searchText(n.properties));
      out.push(n);
    }
    return out;
  }

  /**
   * "I-Mab Shanghai" and "I-Mab", "Mercedes-Benz Group China" and "Mercedes-Benz": a name that is
   * another company's name plus places merges into it, keeping the longer form as an alias.
   */
  mergeCompanyVariants(isPlace: (s: string) => boolean) {
    const companies = [...this.nodes.values()].filter((n) => n.label === 'Company');
    // Companies by key, in order: the candidates for "short" are the keys that are word prefixes
    // of the long key (comparing every pair was quadratic in the companies of a brief).
    const byKey = new Map<string, number[]>();
    companies.forEach((c, i) => {
      const k = String(c.properties.key ?? '');
      if (k) byKey.set(k, [...(byKey.get(k) ?? []), i]);
    });
    let merged = false;
    for (const long of companies) {
      const lk = String(long.properties.key ?? '');
      let first = -1;
      for (let sp = lk.indexOf(' '); sp >= 0; sp = lk.indexOf(' ', sp + 1)) {
        const candidates = byKey.get(lk.slice(0, sp))?.filter((i) => companies[i] !== long && (first < 0 || i < first));
        if (
          candidates?.length &&
          lk
            .slice(sp + 1)
            .split(' ')
            .every((t) => isPlace(t))
        )
          first = Math.min(...candidates);
      }
      const short = first >= 0 ? companies[first] : undefined;
      if (!short || !this.nodes.has(short.id)) continue;
      short.properties.aliases = [
        ...new Set([...(short.properties.aliases as string[]), long.properties.name as string, ...(long.properties.aliases as string[])]),
      ];
      if (long.properties.registry === true) short.properties.registry = true;
      this.nodes.delete(long.id);
      for (const r of this.rels) if (r.source === long.id) r.source = short.id;
      merged = true;
    }
    // Merging can leave two identical MENTIONED_IN edges; keep one. Without a merge there are none
    // (rel() keeps one per key), and most briefs merge nothing: the pass over every edge is skipped.
    if (!merged) return;
    const seen = new Set<string>();
    for (let i = this.rels.length - 1; i >= 0; i--) {
      const r = this.rels[i]!;
      const k = `${r.type}|${r.source}|${r.target}`;
      if (seen.has(k)) this.rels.splice(i, 1);
      else seen.add(k);
    }
  }
}

/**
 * Strings for the full-text indexes: `nameText` holds names, titles, acronyms, aliases and Chinese
 * names (what type-ahead looks in first); `searchText` adds the full text of news items and
 * targets.
 */
function searchText(p: Record<string, unknown>): { nameText: string; searchText: string } {
  const names = joined(p, ['name', 'title', 'acronym', 'nameZh', 'titleZh', 'aliases', 'topics'], briefDateWords(p));
  return { nameText: names, searchText: typeof p.text === 'string' && !names.includes(p.text) ? `${names} | ${p.text}` : names };
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * A brief (the only node with topics) is found by its date as people write it: "2024-03-06",
 * "March 2024", "6 March 2024".
 */
function briefDateWords(p: Record<string, unknown>): string[] {
  const m = Array.isArray(p.topics) && typeof p.date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(p.date) : null;
  if (!m) return [];
  const month = MONTH_NAMES[Number(m[2]) - 1]!;
  return [p.date as string, `${Number(m[3])} ${month} ${m[1]}`];
}

function joined(p: Record<string, unknown>, keys: string[], extra: string[] = []): string {
  const parts: string[] = [];
  for (const k of keys) {
    const v = p[k];
    if (Array.isArray(v)) parts.push(...v.map(String));
    else if (typeof v === 'string') parts.push(v);
  }
  parts.push(...extra);
  return [...new Set(parts)].join(' | ');
}
