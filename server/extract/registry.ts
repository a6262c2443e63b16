import { z } from 'zod';
import { loadDataFile } from '../dataFiles.js';
import { outletsSchema } from '../parse/citations.js';

/** Domain knowledge lives in server/extract/data/*.json; see the README there to extend it. */
export const agencyEntrySchema = z.object({
  id: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  name: z.string().min(2),
  nameZh: z.string().min(1),
  acronyms: z.array(z.string().min(2)),
  aliases: z.array(z.string().min(1)),
  type: z.enum([
    'party',
    'state-council',
    'ministry',
    'commission',
    'administration',
    'regulator',
    'bank',
    'academy',
    'legislature',
    'judiciary',
    'military',
    'association',
    'other',
  ]),
  parent: z.string().optional(),
});
export type AgencyEntry = z.infer<typeof agencyEntrySchema>;

export const sectorEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  name: z.string().min(2),
  keywords: z.array(z.string().min(2)),
  keywordsZh: z.array(z.string().min(1)),
  parent: z.string().optional(),
});
export type SectorEntry = z.infer<typeof sectorEntrySchema>;

export const companyEntrySchema = z.object({ name: z.string().min(1), aliases: z.array(z.string()), country: z.string().length(2) });
export type CompanyEntry = z.infer<typeof companyEntrySchema>;

const placesSchema = z.object({ places: z.array(z.string().min(1)) });
/** Nouns that name a company next to them ("battery start-up X", "X, a Shenzhen-based chipmaker"). */
const companyCuesSchema = z.object({
  nouns: z
    .array(
      z
        .string()
        .min(2)
        .regex(/^[A-Za-z][A-Za-z -]*$/, 'letters, hyphens and spaces'),
    )
    .min(1),
});
const targetsSchema = z.object({ units: z.array(z.string().min(1)).min(1) });
const lowerPhrases = z
  .array(
    z
      .string()
      .min(1)
      .regex(/^[a-z0-9][a-z0-9 -]*$/, 'lower-case words, hyphens and spaces'),
  )
  .min(1);
/** How prose states a document ("has released guiding opinions on …"); see extract/statement.ts. */
export const documentWordsSchema = z.object({
  verbs: lowerPhrases,
  types: lowerPhrases,
  connectors: lowerPhrases,
  stops: lowerPhrases,
  /** Subjects that stand for bodies without naming one ("the central government"). */
  unnamedBodies: lowerPhrases,
  /** Words that make a subject a foreign body ("US", "European"): its documents are not Chinese policy. */
  foreignBodies: lowerPhrases,
  /** Words that make a body a provincial or city one ("provincial", "municipal"); place names count too. */
  localBodies: lowerPhrases,
});
export type DocumentWords = z.infer<typeof documentWordsSchema>;

export interface Registry {
  agencies: AgencyEntry[];
  sectors: SectorEntry[];
  companies: CompanyEntry[];
  outlets: string[];
  places: string[];
  /** Singular cue nouns for companies no list has; plurals are derived (see extract/companies.ts). */
  companyCues: string[];
  /** Nouns that make a number a countable target ("45,000 enterprises"). */
  targetUnits: string[];
  /** Verbs and document types that state a policy in prose (the 2020–21 layout). */
  documents: DocumentWords;
}

let cached: Registry | undefined;

/** Loads and validates the data files once per process. */
export function loadRegistry(): Registry {
  cached ??= {
    agencies: loadDataFile('agencies.json', z.array(agencyEntrySchema)),
    sectors: loadDataFile('sectors.json', z.array(sectorEntrySchema)),
    companies: loadDataFile('companies.json', z.array(companyEntrySchema)),
    outlets: loadDataFile('outlets.json', outletsSchema).outlets,
    places: loadDataFile('places.json', placesSchema).places,
    companyCues: loadDataFile('company-cues.json', companyCuesSchema).nouns,
    targetUnits: loadDataFile('targets.json', targetsSchema).units,
    documents: loadDataFile('documents.json', documentWordsSchema),
  };
  return cached;
}
