import { describe, expect, it } from 'vitest';
import { AgencyResolver } from '../../server/extract/agencies.js';
import type { AgencyEntry } from '../../server/extract/registry.js';

// An invented registry: none of these bodies exist, so nothing here leans on the seed briefs.
const entry = (id: string, name: string, nameZh: string, acronyms: string[], aliases: string[] = []): AgencyEntry => ({
  id,
  name,
  nameZh,
  acronyms,
  aliases,
  type: 'ministry',
});
const registry = [
  entry('MOPW', 'Ministry of Ports and Waterways', '港航部', ['MOPW']),
  entry('NFA', 'National Fisheries Administration', '国家渔业局', ['NFA'], ['Fisheries Administration']),
  entry('NFRA', 'National Forest Reserve Authority', '国家林保局', ['NFRA']),
];
const ids = (refs: { id: string }[]) => refs.map((r) => r.id);

describe('issuer splitting and resolution', () => {
  it('resolves an acronym, a full name, an alias and "the …", case-insensitively', () => {
    const r = new AgencyResolver(registry);
    for (const surface of ['MOPW', 'mopw', 'Ministry of Ports and Waterways', 'the Fisheries Administration'])
      expect(ids(r.resolveIssuer(surface)), surface).toHaveLength(1);
    expect(ids(r.resolveIssuer('the Fisheries Administration'))).toEqual(['agency:NFA']);
  });

  it('splits "X and Y" only when both halves are known bodies, and never splits a known name', () => {
    const r = new AgencyResolver(registry);
    expect(ids(r.resolveIssuer('MOPW and NFA'))).toEqual(['agency:MOPW', 'agency:NFA']);
    expect(ids(r.resolveIssuer('NFRA & National Fisheries Administration'))).toEqual(['agency:NFRA', 'agency:NFA']);
    expect(ids(r.resolveIssuer('Ministry of Ports and Waterways'))).toEqual(['agency:MOPW']);
    // One half unknown: the whole stays one body, unresolved rather than half-read.
    const [ref] = r.resolveIssuer('Harbour Pilots and Tug Operators Association');
    expect(ref?.id).toBe('agency:unresolved:harbour-pilots-and-tug-operators-association');
    expect(ref?.note).toMatch(/not in the agency registry/);
  });

  it('reads an acronym one typo away from exactly one known acronym, and says so', () => {
    const r = new AgencyResolver(registry);
    const [ref] = r.resolveIssuer('MOPV');
    expect(ref?.id).toBe('agency:MOPW');
    expect(ref?.note).toBeTruthy();
  });

  it('finds the bodies a long description names', () => {
    const r = new AgencyResolver(registry);
    const refs = r.resolveIssuer("a working group of the Ministry of Ports and Waterways' inland division");
    expect(ids(refs)).toEqual(['agency:MOPW']);
    expect(refs[0]?.namedInside).toBe(true);
  });
});

describe("a brief's own acronym definitions", () => {
  const text = 'The National Forest Reserve Authority (NFA) published new rules on timber imports.';

  it('read the acronym as the defined body where the Chinese title names that body', () => {
    const r = new AgencyResolver(registry);
    r.learnDefinitions(text);
    expect(r.notes.join(' ')).toMatch(/defines "NFA"/);
    expect(ids(r.resolveIssuer('NFA', '国家林保局关于进口木材的通知'))).toEqual(['agency:NFRA']);
  });

  it("keep the registry's reading without that confirmation, and in other briefs", () => {
    const r = new AgencyResolver(registry);
    r.learnDefinitions(text);
    expect(ids(r.resolveIssuer('NFA'))).toEqual(['agency:NFA']);
    expect(ids(r.resolveIssuer('NFA', '国家渔业局公告'))).toEqual(['agency:NFA']);
    expect(ids(new AgencyResolver(registry).resolveIssuer('NFA', '国家林保局关于进口木材的通知'))).toEqual(['agency:NFA']);
  });
});
