// Schema of the institution knowledge base (data/kb/institutions/*.json and imported files).
import { z } from 'zod';
import { SECTORS } from '../types.js';

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code in capitals');

export const InstitutionSchema = z
  .object({
    /** Unique id: `<country code in lower case>-<slug>`, e.g. "cn-tsinghua", "us-google". */
    id: z.string().regex(/^[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/),
    /** Canonical English name. */
    name: z.string().min(2),
    /** Where the institution (or this lab) is. */
    country: countryCode,
    sector: z.enum(SECTORS as [string, ...string[]]),
    /** Other full names and spellings, other languages, former names. Matched after normalisation. */
    aliases: z.array(z.string().min(2)).default([]),
    /** Short forms matched as whole words, case-sensitively (CMU, USTC, MSRA). */
    acronyms: z.array(z.string().min(2)).default([]),
    /** Web and e-mail domains. */
    domains: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)).default([]),
    /** Id of the parent organisation (a CAS institute's parent is "cn-cas"; a lab's, its company). */
    parent: z.string().optional(),
    /** part (default): the unit is part of the parent (an institute, a lab, a campus, a school); rolled up
     *  under --institution-level parent. subsidiary: a company the parent owns that keeps its own identity
     *  (Waymo, GitHub); rolled up only under --institution-level top. */
    parentKind: z.enum(['part', 'subsidiary']).optional(),
    /** Where the parent link is stated (the organisation's own page, a registry record): a URL or a citation. */
    parentSource: z.string().min(3).optional(),
    /** The unit is an organisation in its own right although the parent runs it (a university run by an
     *  academy, a joint lab): rolled up only under `--contested-parents follow`. */
    parentContested: z.boolean().optional(),
    /** Why the link is contested, or any other caveat about it. */
    parentNote: z.string().min(3).optional(),
    /** Main city, used to tell apart institutions sharing a name. */
    city: z.string().optional(),
    /** A company with labs in many countries: the country above is its headquarters. */
    multinational: z.boolean().optional(),
    /** Extra context words that point to this institution when a name is shared (a province, a state). */
    places: z.array(z.string()).optional(),
  })
  .strict()
  .refine((inst) => inst.parent !== undefined || [inst.parentKind, inst.parentSource, inst.parentContested, inst.parentNote].every((v) => v === undefined), {
    message: 'parentKind, parentSource, parentContested and parentNote describe a parent link: set parent too',
  });

export type Institution = z.infer<typeof InstitutionSchema> & { sector: import('../types.js').Sector };

export const InstitutionFileSchema = z.array(InstitutionSchema);
