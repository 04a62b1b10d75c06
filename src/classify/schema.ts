// Schemas of the classifier's data files: data/taxonomy/fields.json and data/technologies/technologies.json.
import { z } from 'zod';

const fieldId = z.string().regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'lower-case id with hyphens');
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code in capitals');

/** A regular expression written as its source; checked to compile. */
const regexSource = z.string().min(1).refine(compiles, 'not a valid regular expression');

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

export const ScoringSchema = z
  .object({
    /** Multiplier of a term's weight by where it was found. */
    signals: z.object({ title: z.number().positive(), keywords: z.number().positive(), abstract: z.number().positive() }).strict(),
    /** An abstract term counts once per occurrence up to this many times. */
    abstractRepeatCap: z.number().int().min(1),
    /** Score given to the field of a mapped venue label (its most specific segment). */
    venueLabelScore: z.number().positive(),
    /** Score given to the field of a parent segment ("Deep Learning" in "Deep Learning->Generative Models"). */
    venueLabelParentScore: z.number().nonnegative(),
    /** A label segment no rule knows is scored as text, with this multiplier. */
    unmappedLabelMultiplier: z.number().nonnegative(),
    /** Score given to the field of a matching track rule. */
    trackScore: z.number().positive(),
    /** Below this top score a paper is `other`. */
    minScore: z.number().nonnegative(),
    /** A secondary field needs this share of the primary's score... */
    secondaryRatio: z.number().min(0).max(1),
    /** ...and at least this score. */
    secondaryMinScore: z.number().nonnegative(),
    /** Primary plus secondaries, at most. */
    maxFields: z.number().int().min(1),
    /** Method fields (role "method") are scaled by `factor` when a topic field scores at least `minScore`. */
    methodYield: z.object({ minScore: z.number().nonnegative(), factor: z.number().min(0).max(1) }).strict().optional(),
    /** Concern fields (role "concern": safety, efficiency, datasets) are scaled by this: they cut across modalities. */
    concernFactor: z.number().positive().optional(),
  })
  .strict();

export const FieldSchema = z
  .object({
    id: fieldId,
    name: z.string().min(2),
    /** What the field covers, in a sentence: the definition hand labels are judged against. */
    covers: z.string().min(10),
    /** Phrase -> weight (1 weak .. 5 decisive). */
    terms: z.record(z.string().min(1), z.number().min(0).max(10)),
    /** "method": a technique used across applications (theory, optimisation...); it yields to a topic field's evidence. */
    role: z.enum(['topic', 'method', 'concern']).optional(),
  })
  .strict();

const VenueLabelRuleSchema = z
  .object({
    labels: z.array(z.string().min(1)).min(1),
    /** First is the field the label names; [] for a known label that names none. */
    fields: z.array(fieldId),
    vocabulary: z.string(),
  })
  .strict();

const TrackRuleSchema = z.object({ contains: z.string().min(1), fields: z.array(fieldId).min(1) }).strict();

/** A venue's prior: papers of these venues lean to a field by `score` points (evidence can outweigh it). */
const VenuePriorRuleSchema = z.object({ venues: z.array(z.string().min(1)).min(1), field: fieldId, score: z.number().positive() }).strict();

export const TaxonomyFileSchema = z
  .object({
    $comment: z.string().optional(),
    version: z.number().int(),
    scoring: ScoringSchema,
    fields: z.array(FieldSchema).min(1),
    neutral: z.object({ $comment: z.string().optional(), phrases: z.array(z.string().min(1)) }).strict(),
    venueLabels: z.object({ $comment: z.string().optional(), rules: z.array(VenueLabelRuleSchema) }).strict(),
    tracks: z.object({ $comment: z.string().optional(), rules: z.array(TrackRuleSchema) }).strict(),
    venuePriors: z.object({ $comment: z.string().optional(), rules: z.array(VenuePriorRuleSchema) }).strict().optional(),
  })
  .strict()
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    for (const field of file.fields) {
      if (ids.has(field.id)) ctx.addIssue({ code: 'custom', message: `field "${field.id}" defined twice`, path: ['fields'] });
      ids.add(field.id);
    }
    if (!ids.has('other')) ctx.addIssue({ code: 'custom', message: 'the taxonomy needs an "other" field', path: ['fields'] });
    const check = (list: string[], path: (string | number)[]) => {
      for (const id of list) if (!ids.has(id)) ctx.addIssue({ code: 'custom', message: `unknown field "${id}"`, path });
    };
    file.venueLabels.rules.forEach((rule, i) => check(rule.fields, ['venueLabels', 'rules', i]));
    file.tracks.rules.forEach((rule, i) => check(rule.fields, ['tracks', 'rules', i]));
    (file.venuePriors?.rules ?? []).forEach((rule, i) => check([rule.field], ['venuePriors', 'rules', i]));
  });

export type TaxonomyFile = z.infer<typeof TaxonomyFileSchema>;
export type Scoring = z.infer<typeof ScoringSchema>;
export type FieldDefinition = z.infer<typeof FieldSchema>;

const PatternSchema = z
  .object({
    regex: regexSource,
    ignoreCase: z.boolean().optional(),
    /** Counts only when the paper's text also matches the technology's `context`. */
    weak: z.boolean().optional(),
  })
  .strict();

const GuardSchema = z
  .object({
    regex: regexSource,
    ignoreCase: z.boolean().optional(),
    why: z.string().min(3),
    /** The guard is void in a paper whose text matches the technology's `context` (a list of models, not animals). */
    unlessContext: z.boolean().optional(),
  })
  .strict();

export const TechnologySchema = z
  .object({
    id: fieldId,
    name: z.string().min(1),
    organization: z.string().min(2),
    country: countryCode,
    kind: z.enum(['architecture', 'model', 'model-family']),
    /** Year of first release: a paper of an earlier year cannot use it (Spatial Transformer 2015 is not the 2017 Transformer). */
    introduced: z.number().int().min(1950).max(2100),
    /** Id of the technology this one was built from by another maker (TinyLlama from Llama): reported, not merged. */
    derivedFrom: fieldId.optional(),
    note: z.string().optional(),
    /** Lower-case substrings; every hit contains one (a cheap prefilter before the regexes run). */
    triggers: z.array(z.string().min(2).regex(/^[^A-Z]+$/, 'lower case')).min(1),
    patterns: z.array(PatternSchema).min(1),
    /** Required text (anywhere in the paper, case-insensitive) for weak patterns. */
    context: regexSource.optional(),
    /** A hit overlapping a guard match is dropped. */
    guards: z.array(GuardSchema).optional(),
    examples: z.array(z.object({ text: z.string(), matched: z.string() }).strict()),
    counterExamples: z.array(z.string()),
  })
  .strict()
  .refine((t) => !t.patterns.some((p) => p.weak) || t.context !== undefined, 'weak patterns need a context')
  .refine((t) => !(t.guards ?? []).some((g) => g.unlessContext) || t.context !== undefined, 'unlessContext guards need a context');

export const TechnologyFileSchema = z
  .object({ $comment: z.string().optional(), version: z.number().int(), technologies: z.array(TechnologySchema).min(1) })
  .strict()
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    for (const tech of file.technologies) {
      if (ids.has(tech.id)) ctx.addIssue({ code: 'custom', message: `technology "${tech.id}" defined twice`, path: ['technologies'] });
      ids.add(tech.id);
    }
    file.technologies.forEach((tech, i) => {
      if (tech.derivedFrom !== undefined && (!ids.has(tech.derivedFrom) || tech.derivedFrom === tech.id))
        ctx.addIssue({ code: 'custom', message: `technology "${tech.id}" derived from unknown "${tech.derivedFrom}"`, path: ['technologies', i] });
    });
  });

/** A cue that makes an occurrence a mention rather than a use (data/technologies/cues.json). */
const CueSchema = z
  .object({
    regex: regexSource,
    why: z.string().min(3),
    /** Prior-work cues only: counts only when it starts before the occurrence. */
    before: z.boolean().optional(),
  })
  .strict();

export const CueFileSchema = z
  .object({
    $comment: z.string().optional(),
    version: z.number().int(),
    /** How many characters before an occurrence the negation and comparison cues are looked for. */
    window: z.number().int().min(10).max(400),
    /** Text between a cue and the occurrence that ends the cue's reach ("we", "our", "which", ";"). */
    breaks: regexSource,
    /** Case-insensitive; must end right before the occurrence's clause: "does not use", "without". */
    negation: z.array(CueSchema).min(1),
    /** Case-insensitive; before the occurrence: "outperforms", "compared with", "better than". */
    comparison: z.array(CueSchema).min(1),
    /** Case-insensitive; anywhere in a sentence with no first-person marker: "existing methods", "have shown". */
    priorWork: z.array(CueSchema).min(1),
    /** Case-insensitive; a sentence with one speaks of the paper's own work ("we", "our", "this paper"). */
    firstPerson: regexSource,
  })
  .strict();

export type CueFile = z.infer<typeof CueFileSchema>;

export type TechnologyFile = z.infer<typeof TechnologyFileSchema>;
export type TechnologyDefinition = z.infer<typeof TechnologySchema>;

/** The field model's weights (data/taxonomy/field-model.json; see src/classify/field-model.ts). */
export const FieldModelSchema = z
  .object({
    $comment: z.string().optional(),
    version: z.number().int(),
    /** How a signal's points become a feature value: log1p(points / scale) or points / scale. */
    transform: z.enum(['log1p', 'linear']),
    scale: z.number().positive(),
    /** Optional feature groups: `terms` (a weight per field and taxonomy term), `cross` (a weight per field and other field's points), `lead` (points in the abstract's first sentence), `no-abstract` (a signal's extra weight in a paper with no abstract), `similarity` (the cosine of the paper's document vector and the field's definition vector; needs `vectors`). */
    features: z.array(z.enum(['terms', 'cross', 'lead', 'no-abstract', 'similarity'])),
    /** L2 penalty the weights were fit with. */
    l2: z.number().nonnegative(),
    /** The L2 penalty of the sparse weights (`terms`, `cross`) is l2 x this. */
    sparseFactor: z.number().positive(),
    /** Whether a title-only copy of every labelled paper was learned from too. */
    titleOnlyCopies: z.boolean(),
    /** Weights the fit pulled to instead of 0. */
    priors: z.record(z.string(), z.number()),
    /** What the weights were learned from (label files, paper count, venue files), for the record. */
    trainedOn: z.object({ labels: z.array(z.string()), papers: z.number().int().nonnegative(), files: z.array(z.string()) }).strict(),
    /** Feature name -> weight (names: candidateFeatures in field-model.ts). */
    weights: z.record(z.string().min(1), z.number()),
    /** The hashed words (src/classify/field-text.ts): the spec and, per field, the buckets with a weight. */
    text: z
      .object({
        tokenizer: z.literal('words-v1'),
        hash: z.literal('fnv1a-32'),
        /** Buckets: the hash's low `bits` bits. */
        bits: z.number().int().min(4).max(24),
        /** What a gram in the title adds to its bucket (keywords and abstract add 1 each). */
        titleWeight: z.number().positive(),
        /** L2 penalty the text weights were fit with, and how it was chosen. */
        l2: z.number().nonnegative(),
        /** A bucket needs grams in this many training papers to get weights. */
        minPapers: z.number().int().min(1),
        /** Per field: the buckets with a weight as gaps (first bucket, then the distance from the one before) and the weights. */
        weights: z.record(
          fieldId,
          z
            .object({ gaps: z.array(z.number().int().nonnegative()), weights: z.array(z.number()) })
            .strict()
            .refine((w) => w.gaps.length === w.weights.length, 'as many weights as gaps')
            .refine((w) => w.gaps.every((g, i) => i === 0 || g > 0), 'buckets in ascending order (gaps after the first above 0)'),
        ),
      })
      .strict()
      .refine((t) => Object.values(t.weights).every((w) => w.gaps.reduce((a, b) => a + b, 0) < 2 ** t.bits), 'a bucket beyond 2^bits')
      .optional(),
    /** The pretrained word vectors (src/classify/field-vectors.ts): the table, the spec and, per field, a weight per dimension. */
    vectors: z
      .object({
        tokenizer: z.literal('words-v1'),
        /** The word-vector file (data/taxonomy/word-vectors.json), relative to data/taxonomy, and the package it was built from. */
        file: z.string().min(1),
        source: z.string().min(1),
        dimensions: z.number().int().positive(),
        /** What a title word weighs against a keyword or abstract word (1). */
        titleWeight: z.number().positive(),
        /** L2 penalty the vector weights were fit with. */
        l2: z.number().nonnegative(),
        weights: z.record(fieldId, z.array(z.number())),
      })
      .strict()
      .refine((v) => Object.values(v.weights).every((w) => w.length === v.dimensions), 'a weight per dimension')
      .optional(),
  })
  .strict();

export type FieldModel = z.infer<typeof FieldModelSchema>;
