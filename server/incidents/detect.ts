// Incident early warning (issue 22, docs/incidents.md): per team, a sliding window over new contacts (cases and
// interactions), and a burst when several different people use the same informative terms far more often than that
// team's baseline for those terms. Pure and synchronous: the server feeds it as pushes commit (server/incidents/watch.ts),
// the bench and the tests replay a scenario through it (server/incidents/scenario.ts).
import { DecayedCounts } from './baseline';
import { contactTerms } from './terms';

/** Pairs are formed among a contact's first terms only (the subject's and the opening's), which bounds the baseline. */
const PAIR_TERMS = 12;

/** One new case or interaction, as the detector sees it. */
export interface Contact {
  teamId: string;
  /** Counts distinct people only; never copied into a signal. */
  customerId: string;
  caseId: string | null;
  /** Epoch milliseconds. */
  at: number;
  text: string;
  /** What names the customer (name, handles, emails): never a term. */
  personal?: readonly string[];
}

/** Per-team tuning (docs/incidents.md "Parameters"). */
export interface DetectorParams {
  /** The sliding window a burst must fit in. */
  windowMinutes: number;
  /** Different people sharing a pair of terms within the window. */
  minContacts: number;
  /** A pair is surprising when P(X ≥ people | expected) under Poisson is below this. */
  alpha: number;
  /** Floor of a pair's expected people in a window, so a pair never seen before is not infinitely surprising. */
  minExpected: number;
  /** Half-life of the baseline: how fast last week's traffic is forgotten. */
  baselineHalfLifeHours: number;
  /** No alarm before the team has this much history: its baseline means nothing yet. */
  warmupHours: number;
  /** Matching contacts this long after an incident's last one open a new incident rather than extend it. */
  quietMinutes: number;
}

export const DEFAULT_PARAMS: DetectorParams = {
  windowMinutes: 30,
  minContacts: 4,
  alpha: 1e-5,
  minExpected: 0.2,
  baselineHalfLifeHours: 72,
  warmupHours: 24,
  quietMinutes: 120,
};

/** What a manager is shown: terms and cases, counts, never who wrote. */
export interface IncidentSignal {
  /** The pair of stemmed terms that made the burst, sorted and joined: the same burst keeps it while it lasts. */
  key: string;
  teamId: string;
  /** The words as customers wrote them, most shared first. */
  terms: string[];
  caseIds: string[];
  /** Different people in the cluster so far. */
  contacts: number;
  /** How many people the baseline expected in one window for the pair of terms that made the burst surprising. */
  expected: number;
  /** The first matching contact and the detection, ISO. */
  firstAt: string;
  detectedAt: string;
  lastAt: string;
}

export type DetectorEvent = { type: 'opened' | 'updated'; incident: IncidentSignal };

interface Seen {
  customerId: string;
  caseId: string | null;
  at: number;
  terms: Map<string, string>;
  /** Order of arrival in the team's window. */
  serial: number;
}

/** The window's contacts carrying both terms of a pair, in window order, and how many of them each person wrote. */
interface PairIndex {
  a: string;
  b: string;
  contacts: Seen[];
  people: Map<string, number>;
}

interface TeamState {
  teamId: string;
  firstAt: number;
  window: Seen[];
  /** The earliest `at` in the window (Infinity when empty). */
  oldest: number;
  serial: number;
  /**
   * Counts over the window, kept as contacts enter and leave it, so a contact costs the same however busy the window:
   * the people in it, the people using each term, and for pairs asked about, their contacts and people.
   */
  people: Map<string, number>;
  termPeople: Map<string, Map<string, number>>;
  pairs: Map<string, PairIndex>;
  /** Each pair of terms' decayed share of the team's contacts: its baseline. */
  baseline: DecayedCounts;
  /**
   * Open incidents, each with the people (kept here, out of the signal) and cases counted so far, and per pair that extended
   * it the serial of the newest contact it took in then: that pair's contacts up to it are in it already.
   */
  open: { signal: IncidentSignal; stems: string[]; people: Set<string>; cases: Set<string>; absorbed: Map<string, number> }[];
}

function count(map: Map<string, number>, key: string, by: 1 | -1): void {
  const n = (map.get(key) ?? 0) + by;
  if (n > 0) map.set(key, n);
  else map.delete(key);
}

/** Poisson upper tail P(X ≥ n) for mean mu. */
export function poissonTail(n: number, mu: number): number {
  let term = Math.exp(-mu);
  let below = 0;
  for (let k = 0; k < n; k++) {
    below += term;
    term *= mu / (k + 1);
  }
  return Math.max(0, 1 - below);
}

export class IncidentDetector {
  private readonly teams = new Map<string, TeamState>();

  constructor(private readonly paramsFor: (teamId: string) => DetectorParams = () => DEFAULT_PARAMS) {}

  /** Feeds one contact (in time order per team); answers the incidents it opened or extended. */
  observe(contact: Contact): DetectorEvent[] {
    const p = this.paramsFor(contact.teamId);
    const team = this.team(contact.teamId, contact.at, p);
    // The baseline learns a contact only once it has left the window, so a burst is never its own evidence of being
    // normal: in a small team, a burst's first contacts would otherwise soon outweigh the week before it.
    const cutoff = contact.at - p.windowMinutes * 60_000;
    // The window is scanned only when its oldest contact has left it: in a burst the window holds thousands, and a
    // scan per contact made the burst's cost quadratic (the window is in arrival order, not strictly in time order).
    if (team.oldest <= cutoff) {
      team.oldest = Number.POSITIVE_INFINITY;
      for (const s of team.window) {
        if (s.at > cutoff) {
          team.oldest = Math.min(team.oldest, s.at);
          continue;
        }
        team.baseline.add(s.at, pairsOf([...s.terms.keys()].slice(0, PAIR_TERMS)));
        this.leave(team, s);
      }
      team.window = team.window.filter((s) => s.at > cutoff);
    }
    const seen: Seen = {
      customerId: contact.customerId,
      caseId: contact.caseId,
      at: contact.at,
      terms: contactTerms(contact.text, contact.personal),
      serial: team.serial++,
    };
    team.window.push(seen);
    team.oldest = Math.min(team.oldest, seen.at);
    this.enter(team, seen);
    return contact.at - team.firstAt >= p.warmupHours * 3_600_000 ? this.detect(team, seen, p) : [];
  }

  private enter(team: TeamState, s: Seen): void {
    count(team.people, s.customerId, 1);
    for (const term of s.terms.keys()) {
      let people = team.termPeople.get(term);
      if (!people) team.termPeople.set(term, (people = new Map()));
      count(people, s.customerId, 1);
    }
    for (const index of this.pairsOf(team, s)) {
      index.contacts.push(s);
      count(index.people, s.customerId, 1);
    }
  }

  private leave(team: TeamState, s: Seen): void {
    count(team.people, s.customerId, -1);
    for (const term of s.terms.keys()) {
      const people = team.termPeople.get(term);
      if (!people) continue;
      count(people, s.customerId, -1);
      if (people.size === 0) team.termPeople.delete(term);
    }
    for (const index of this.pairsOf(team, s)) {
      const at = index.contacts.indexOf(s);
      if (at >= 0) index.contacts.splice(at, 1);
      count(index.people, s.customerId, -1);
      if (index.contacts.length === 0) team.pairs.delete(`${index.a} ${index.b}`);
    }
  }

  /** The indexed pairs whose both terms the contact carries. */
  private pairsOf(team: TeamState, s: Seen): PairIndex[] {
    if (team.pairs.size === 0) return [];
    const out: PairIndex[] = [];
    for (const index of team.pairs.values()) if (s.terms.has(index.a) && s.terms.has(index.b)) out.push(index);
    return out;
  }

  /** The pair's index ("a b", a < b), built from the window the first time it is asked for. */
  private pairIndex(team: TeamState, key: string): PairIndex {
    let index = team.pairs.get(key);
    if (!index) {
      const [a = '', b = ''] = key.split(' ');
      index = { a, b, contacts: team.window.filter((s) => s.terms.has(a) && s.terms.has(b)), people: new Map() };
      for (const s of index.contacts) count(index.people, s.customerId, 1);
      // A pair nobody in the window uses is not kept: the next ask builds it again.
      if (index.contacts.length > 0) team.pairs.set(key, index);
    }
    return index;
  }

  private team(teamId: string, at: number, p: DetectorParams): TeamState {
    let team = this.teams.get(teamId);
    if (!team) {
      team = {
        teamId,
        firstAt: at,
        window: [],
        oldest: Number.POSITIVE_INFINITY,
        serial: 0,
        people: new Map(),
        termPeople: new Map(),
        pairs: new Map(),
        baseline: new DecayedCounts(p.baselineHalfLifeHours * 3_600_000),
        open: [],
      };
      this.teams.set(teamId, team);
    }
    return team;
  }

  /**
   * Is the new contact part of a burst? Among its pairs of terms (a place and what is wrong, say), the one shared by
   * the most surprising number of people in the window, against the baseline's share of that pair times the window's
   * volume. Pairs, not single terms: a city or a common complaint alone is everyday, the two together in many
   * contacts at once is not.
   */
  private detect(team: TeamState, latest: Seen, p: DetectorParams): DetectorEvent[] {
    const volume = team.people.size;
    // Only terms enough people use can be in a surprising pair.
    const common = [...latest.terms.keys()].slice(0, PAIR_TERMS).filter((t) => (team.termPeople.get(t)?.size ?? 0) >= p.minContacts);
    let best: { key: string; pair: [string, string]; tail: number; expected: number } | null = null;
    for (const key of pairsOf(common)) {
      const pair = key.split(' ') as [string, string];
      const people = this.pairIndex(team, key).people.size;
      if (people < p.minContacts) continue;
      const expected = Math.max(p.minExpected, team.baseline.share(key) * volume);
      const tail = poissonTail(people, expected);
      if (tail < p.alpha && (!best || tail < best.tail)) best = { key, pair, tail, expected };
    }
    if (!best) return [];
    const { key, pair } = best;
    const cluster = this.pairIndex(team, key).contacts;
    // The card's terms: the new contact's terms most of the cluster shares, the pair first (asked only when it opens).
    const terms = () =>
      [...latest.terms.keys()]
        .map((term) => ({ term, people: new Set(cluster.filter((s) => s.terms.has(term)).map((s) => s.customerId)).size }))
        .filter((t) => pair.includes(t.term) || t.people >= p.minContacts)
        .sort((a, b) => Number(pair.includes(b.term)) - Number(pair.includes(a.term)) || b.people - a.people || a.term.localeCompare(b.term))
        .map((t) => t.term);
    return [this.record(team, latest, key, cluster, terms, pair, best.expected, p)];
  }

  /** Extends the open incident these terms belong to, or opens one. */
  private record(
    team: TeamState,
    latest: Seen,
    key: string,
    cluster: readonly Seen[],
    stemsOf: () => string[],
    pair: readonly string[],
    expected: number,
    p: DetectorParams,
  ): DetectorEvent {
    const at = new Date(latest.at).toISOString();
    team.open = team.open.filter((i) => latest.at - Date.parse(i.signal.lastAt) <= p.quietMinutes * 60_000);
    // The same burst: an open incident sharing a term of this pair and some of its people (it may be put another way).
    const existing = team.open.find((i) => pair.some((t) => i.stems.includes(t)) && cluster.some((s) => i.people.has(s.customerId)));
    if (existing) {
      // Only the cluster's contacts newer than those this pair brought in before: the others are in it already.
      const since = existing.absorbed.get(key) ?? -1;
      let from = cluster.length;
      while (from > 0 && (cluster[from - 1]?.serial ?? -1) > since) from -= 1;
      const fresh = cluster.slice(from);
      existing.absorbed.set(key, latest.serial);
      const caseIds = fresh.flatMap((s) => (s.caseId ? [s.caseId] : []));
      for (const s of fresh) existing.people.add(s.customerId);
      const signal = existing.signal;
      for (const id of caseIds) if (!existing.cases.has(id)) signal.caseIds.push(id), existing.cases.add(id);
      signal.contacts = existing.people.size;
      signal.lastAt = at;
      return { type: 'updated', incident: snapshot(signal) };
    }
    const caseIds = cluster.flatMap((s) => (s.caseId ? [s.caseId] : []));
    const people = new Set(cluster.map((s) => s.customerId));
    const stems = stemsOf();
    const signal: IncidentSignal = {
      key: [...pair].sort().join(' '),
      teamId: team.teamId,
      terms: stems.map((t) => latest.terms.get(t) ?? t),
      caseIds: [...new Set(caseIds)],
      contacts: people.size,
      expected: Math.round(expected * 1000) / 1000,
      firstAt: new Date(Math.min(...cluster.map((s) => s.at))).toISOString(),
      detectedAt: at,
      lastAt: at,
    };
    team.open.push({ signal, stems, people, cases: new Set(signal.caseIds), absorbed: new Map([[key, latest.serial]]) });
    return { type: 'opened', incident: snapshot(signal) };
  }
}

/**
 * The incident as it stands, for an event. Its case ids are copied when first read, not here: a long burst's incident
 * has thousands, every contact of the burst answers an event, and the watcher reads only each run's last (a copy per
 * event made the burst quadratic). A signal's case ids are only ever appended to, so its first `n` are this snapshot's.
 */
function snapshot(signal: IncidentSignal): IncidentSignal {
  const ids = signal.caseIds;
  const n = ids.length;
  let copy: string[] | undefined;
  const incident = { ...signal, terms: [...signal.terms] };
  return Object.defineProperty(incident, 'caseIds', { enumerable: true, get: () => (copy ??= ids.slice(0, n)) });
}

/** Each unordered pair of distinct terms, as "a b" with a < b. */
function pairsOf(terms: readonly string[]): string[] {
  const sorted = [...new Set(terms)].sort();
  const pairs: string[] = [];
  for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) pairs.push(`${sorted[i]} ${sorted[j]}`);
  return pairs;
}
