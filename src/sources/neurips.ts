// NeurIPS virtual-site data (`/static/virtual/data/neurips-YYYY-orals-posters.json`): an object with
// `results`, one event per entry. Orals and spotlights repeat their poster, so entries of one paper
// (same uid, OpenReview forum or title) are merged; events that are not papers are skipped.
import { basename } from 'node:path';
import { CollabscopeError } from '../errors.js';
import type { RawPaper } from '../types.js';
import { cleanAuthors } from './hygiene.js';
import {
  checkRecord,
  readJsonSource,
  textField,
  splitList,
  textOrNull,
  venueAndYear,
  type SourceOptions,
  type SourceResult,
  type SourceWarning,
} from './common.js';

interface VirtualAuthor {
  fullname?: unknown;
  institution?: unknown;
  id?: unknown;
}

type VirtualEvent = Record<string, unknown> & { authors?: VirtualAuthor[] };

// "Poster", "Oral"...; event_type may be a template ("{location} Poster") or carry a location ("San Diego Poster").
const PAPER_EVENT_TYPES = /(^|\s)(poster|oral|spotlight|spotlight poster|highlight)$/i;

export function readNeuripsVirtual(path: string, options: SourceOptions = {}): SourceResult {
  const source = readJsonSource(path);
  const json = source.json as { results?: unknown };
  const file = basename(path);
  if (typeof json !== 'object' || json === null || !Array.isArray(json.results)) {
    throw new CollabscopeError('E_UNKNOWN_FORMAT', `${file}: a NeurIPS virtual-site file must be an object with "results"`);
  }
  const result = parseNeuripsVirtual(json.results, file, venueAndYear(path, options));
  return { ...result, warnings: [...source.warnings, ...result.warnings] };
}

export function parseNeuripsVirtual(results: unknown[], file: string, venueYear: { venue: string; year: number }): SourceResult {
  const warnings: SourceWarning[] = [];
  const skipped: SourceWarning[] = [];
  const seen = new Map<string, number>();
  const papers: RawPaper[] = [];
  results.forEach((entry, index) => {
    if (typeof entry !== 'object' || entry === null) {
      throw new CollabscopeError('E_BAD_RECORD', `${file}: record ${index}: not a JSON object`);
    }
    const event = entry as VirtualEvent;
    const eventType = textOrNull(textOrNull(event.eventtype ?? event.event_type)?.replace(/\{[^}]*\}/g, ' '));
    if (eventType && !PAPER_EVENT_TYPES.test(eventType)) {
      skipped.push({ file, index, code: 'not-a-paper', message: `event type "${eventType}"` });
      return;
    }
    const { check, register } = paperKeys(event);
    const repeat = check.map((key) => ({ key, first: seen.get(key) })).find((k) => k.first !== undefined);
    if (repeat) {
      skipped.push({ file, index, code: 'repeat', message: `repeats record ${repeat.first} (${repeat.key.replace(/^title-without-forum:/, 'title:')})` });
      return;
    }
    for (const key of register) if (!seen.has(key)) seen.set(key, index);
    papers.push(toRawPaper(event, file, index, venueYear, warnings));
  });
  return { papers, warnings, skipped };
}

/**
 * Keys that identify one paper across its events: the OpenReview forum, the uid, and the title. Two
 * entries with different forums are two papers even under one title; an entry without a forum (an oral
 * listed without its link) is a repeat of any earlier entry of the same title, and the other way round.
 */
function paperKeys(event: VirtualEvent): { check: string[]; register: string[] } {
  const forum = textOrNull(event.paper_url)?.match(/forum\?id=([^&#]+)/)?.[1];
  const title = textOrNull(event.name)?.toLowerCase().replace(/\s+/g, ' ');
  const uid = textOrNull(event.uid);
  const check: string[] = [];
  const register: string[] = [];
  if (forum) check.push(`forum:${forum}`), register.push(`forum:${forum}`);
  if (uid) check.push(`uid:${uid}`), register.push(`uid:${uid}`);
  if (title) {
    check.push(forum ? `title-without-forum:${title}` : `title:${title}`);
    register.push(`title:${title}`);
    if (!forum) register.push(`title-without-forum:${title}`);
  }
  return { check, register };
}

function toRawPaper(
  event: VirtualEvent,
  file: string,
  index: number,
  { venue, year }: { venue: string; year: number },
  warnings: SourceWarning[],
): RawPaper {
  const authors = (Array.isArray(event.authors) ? event.authors : [])
    .map((a) => ({
      name: textOrNull(a.fullname) ?? '',
      affiliations: splitList(a.institution, /\s*[;+]\s*/),
      ...(textOrNull(a.id) ? { ids: [String(a.id)] } : {}),
    }))
    .filter((a) => a.name !== '');
  cleanAuthors(authors, file, index, warnings);
  const title = checkRecord(file, index, textField(event.name, 'name (the title)', file, index), authors.length, warnings);
  return {
    sourceId: textOrNull(event.uid ?? event.id),
    source: { file, index },
    venue,
    year,
    title,
    abstract: textOrNull(event.abstract),
    track: trackOf(event),
    status: textOrNull(event.decision) ?? textOrNull(event.eventtype),
    topic: textOrNull(event.topic),
    keywords: splitList(event.keywords, /\s*[;,]\s*/),
    url: textOrNull(event.virtualsite_url) ?? textOrNull(event.paper_url),
    authors,
  };
}

/**
 * Datasets & Benchmarks papers are recognisable by their OpenReview venue in the source URL; other
 * tracks by the group id's last part (".../2025/Position_Paper_Track" -> position-paper).
 */
function trackOf(event: VirtualEvent): string {
  const where = `${textOrNull(event.sourceurl) ?? ''} ${textOrNull(event.paper_url) ?? ''} ${textOrNull(event.decision) ?? ''}`;
  if (/datasets[_ -]and[_ -]benchmarks/i.test(where)) return 'datasets-benchmarks';
  const group = textOrNull(event.sourceurl)?.match(/group\?id=[^/&]+\/(?:19|20)\d\d\/([A-Za-z_]+)/)?.[1];
  if (group && !/^conference$/i.test(group)) return group.toLowerCase().replace(/_track$/, '').replace(/_/g, '-');
  return 'main';
}
