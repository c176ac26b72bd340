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
}

interface TeamState {
  teamId: string;
  firstAt: number;
  window: Seen[];
  /** Each pair of terms' decayed share of the team's contacts: its baseline. */
  baseline: DecayedCounts;
  /** Open incidents, each with the people counted so far (kept here, out of the signal). */
  open: { signal: IncidentSignal; stems: string[]; people: Set<string> }[];
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
    for (const s of team.window) if (s.at <= cutoff) team.baseline.add(s.at, pairsOf([...s.terms.keys()].slice(0, PAIR_TERMS)));
    team.window = team.window.filter((s) => s.at > cutoff);
    const seen: Seen = { customerId: contact.customerId, caseId: contact.caseId, at: contact.at, terms: contactTerms(contact.text, contact.personal) };
    team.window.push(seen);
    return contact.at - team.firstAt >= p.warmupHours * 3_600_000 ? this.detect(team, seen, p) : [];
  }

  private team(teamId: string, at: number, p: DetectorParams): TeamState {
    let team = this.teams.get(teamId);
    if (!team) {
      team = { teamId, firstAt: at, window: [], baseline: new DecayedCounts(p.baselineHalfLifeHours * 3_600_000), open: [] };
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
    const peopleWith = (terms: readonly string[], contacts: readonly Seen[] = team.window) =>
      new Set(contacts.filter((s) => terms.every((t) => s.terms.has(t))).map((s) => s.customerId)).size;
    const volume = new Set(team.window.map((s) => s.customerId)).size;
    // Only terms enough people use can be in a surprising pair.
    const common = [...latest.terms.keys()].slice(0, PAIR_TERMS).filter((t) => peopleWith([t]) >= p.minContacts);
    let best: { pair: [string, string]; tail: number; expected: number } | null = null;
    for (const key of pairsOf(common)) {
      const pair = key.split(' ') as [string, string];
      const people = peopleWith(pair);
      if (people < p.minContacts) continue;
      const expected = Math.max(p.minExpected, team.baseline.share(key) * volume);
      const tail = poissonTail(people, expected);
      if (tail < p.alpha && (!best || tail < best.tail)) best = { pair, tail, expected };
    }
    if (!best) return [];
    const cluster = team.window.filter((s) => best.pair.every((t) => s.terms.has(t)));
    // The card's terms: the new contact's terms most of the cluster shares, the pair first.
    const terms = [...latest.terms.keys()]
      .map((term) => ({ term, people: peopleWith([term], cluster) }))
      .filter((t) => best.pair.includes(t.term) || t.people >= p.minContacts)
      .sort((a, b) => Number(best.pair.includes(b.term)) - Number(best.pair.includes(a.term)) || b.people - a.people || a.term.localeCompare(b.term))
      .map((t) => t.term);
    return [this.record(team, latest, cluster, terms, best.pair, best.expected, p)];
  }

  /** Extends the open incident these terms belong to, or opens one. */
  private record(team: TeamState, latest: Seen, cluster: Seen[], stems: string[], pair: readonly string[], expected: number, p: DetectorParams): DetectorEvent {
    const at = new Date(latest.at).toISOString();
    const caseIds = cluster.flatMap((s) => (s.caseId ? [s.caseId] : []));
    team.open = team.open.filter((i) => latest.at - Date.parse(i.signal.lastAt) <= p.quietMinutes * 60_000);
    // The same burst: an open incident sharing a term of this pair and some of its people (it may be put another way).
    const existing = team.open.find((i) => pair.some((t) => i.stems.includes(t)) && cluster.some((s) => i.people.has(s.customerId)));
    if (existing) {
      for (const s of cluster) existing.people.add(s.customerId);
      const signal = existing.signal;
      signal.caseIds = [...new Set([...signal.caseIds, ...caseIds])];
      signal.contacts = existing.people.size;
      signal.lastAt = at;
      return { type: 'updated', incident: { ...signal, caseIds: [...signal.caseIds], terms: [...signal.terms] } };
    }
    const people = new Set(cluster.map((s) => s.customerId));
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
    team.open.push({ signal, stems, people });
    return { type: 'opened', incident: { ...signal, caseIds: [...signal.caseIds], terms: [...signal.terms] } };
  }
}

/** Each unordered pair of distinct terms, as "a b" with a < b. */
function pairsOf(terms: readonly string[]): string[] {
  const sorted = [...new Set(terms)].sort();
  const pairs: string[] = [];
  for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) pairs.push(`${sorted[i]} ${sorted[j]}`);
  return pairs;
}
