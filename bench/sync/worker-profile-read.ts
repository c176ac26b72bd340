// Reads a V8 CPU profile of the extension's service worker (bench/sync/worker-profile-session.ts) back to our sources
// through the build's source map, and sums it by function and by group (JSON, zod, Dexie, IndexedDB's put, the
// knowledge index, our own code, GC). No dependency: the source map's VLQ mappings are decoded here.
import type { CpuProfile } from './worker-profile-session';

/** Version 3 source map, as esbuild/rollup write it. */
interface SourceMap {
  sources: string[];
  names: string[];
  mappings: string;
}

/** Per generated line, segments sorted by column: [column, source, original line, original column, name or -1]. */
type Segments = number[][][];

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeMappings(mappings: string): Segments {
  const lines: Segments = [];
  const state = [0, 0, 0, 0, 0];
  for (const line of mappings.split(';')) {
    state[0] = 0;
    const segments: number[][] = [];
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      for (let i = 0; i < fields.length; i++) state[i] = (state[i] ?? 0) + (fields[i] ?? 0);
      segments.push(fields.length >= 4 ? [state[0]!, state[1]!, state[2]!, state[3]!, fields.length >= 5 ? state[4]! : -1] : [state[0]!, -1, 0, 0, -1]);
    }
    lines.push(segments);
  }
  return lines;
}

/** Where a generated position came from: the source file (node_modules/… or our path) and its line, 1-based. */
export interface Origin {
  source: string;
  line: number;
  name: string | null;
}

export function sourceMapReader(map: SourceMap): (line0: number, column0: number) => Origin | null {
  const lines = decodeMappings(map.mappings);
  return (line0, column0) => {
    const segments = lines[line0];
    if (!segments || segments.length === 0) return null;
    let lo = 0;
    let hi = segments.length - 1;
    // The last segment at or before the column.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((segments[mid]?.[0] ?? 0) <= column0) lo = mid;
      else hi = mid - 1;
    }
    const hit = segments[lo];
    if (!hit || hit[1] === -1) return null;
    // Sources are relative to wherever the build went: keep the path from the repository's top folders on.
    const source = (map.sources[hit[1]!] ?? '?')
      .replace(/^.*?\/?(?=(node_modules|lib|entrypoints|components|server)\/)/, '')
      .replace(/^.*node_modules\//, 'node_modules/');
    return { source, line: (hit[2] ?? 0) + 1, name: hit[4] !== undefined && hit[4] >= 0 ? (map.names[hit[4]] ?? null) : null };
  };
}

/** The groups the report sums self time into; the first rule that matches a frame wins. */
export const GROUPS = [
  'idle',
  'GC',
  'engine/native (program)',
  'JSON.parse',
  'zod',
  'Dexie',
  'IndexedDB calls (put/get: structured clone)',
  'knowledge index (lib/knowledge)',
  'escalations / SLA',
  'lib/db (our writes)',
  'lib/sync, lib/api (our loop)',
  'lib/schema',
  'other code in the bundle',
  'other native',
] as const;
export type Group = (typeof GROUPS)[number];

const IDB_CALLS = new Set([
  'put',
  'add',
  'get',
  'getAll',
  'getAllKeys',
  'openCursor',
  'openKeyCursor',
  'count',
  'delete',
  'transaction',
  'objectStore',
  'index',
  'bulkPut',
]);

export function groupOf(functionName: string, url: string, origin: Origin | null): Group {
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(program)' || functionName === '(root)') return 'engine/native (program)';
  if (!url) {
    if (functionName === 'parse') return 'JSON.parse';
    if (IDB_CALLS.has(functionName)) return 'IndexedDB calls (put/get: structured clone)';
    return 'other native';
  }
  const source = origin?.source ?? '';
  if (source.includes('node_modules/zod')) return 'zod';
  if (source.includes('node_modules/dexie')) return 'Dexie';
  if (source.startsWith('lib/knowledge')) return 'knowledge index (lib/knowledge)';
  if (/lib\/(sla|escalation|notifications)/.test(source)) return 'escalations / SLA';
  if (source.startsWith('lib/db')) return 'lib/db (our writes)';
  if (source.startsWith('lib/sync') || source.startsWith('lib/api')) return 'lib/sync, lib/api (our loop)';
  if (source.startsWith('lib/schema')) return 'lib/schema';
  return 'other code in the bundle';
}

export interface FrameTotals {
  /** The function: its original name (source map) or V8's, and where it is. */
  label: string;
  group: Group;
  selfMs: number;
  totalMs: number;
}

export interface ProfileSummary {
  /** From the profile's first to last sample. */
  spanMs: number;
  /** Sampled time not idle: what the worker's thread spent running (JS, GC, V8's own work). */
  busyMs: number;
  groups: { group: Group; selfMs: number; totalMs: number }[];
  frames: FrameTotals[];
}

/**
 * Self time per function and per group (time of the samples whose top frame it is), and total time (samples with
 * the function or group anywhere on the stack, counted once a sample). A sample's time is the delta after it.
 */
export function summariseProfile(profile: CpuProfile, maps: Record<string, SourceMap>): ProfileSummary {
  const readers = new Map(Object.entries(maps).map(([file, map]) => [file, sourceMapReader(map)]));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const described = new Map<number, { label: string; group: Group }>();
  const describe = (id: number) => {
    const known = described.get(id);
    if (known) return known;
    const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
    const file = url.slice(url.lastIndexOf('/') + 1);
    const origin = url ? (readers.get(file)?.(lineNumber, columnNumber) ?? null) : null;
    const name = origin?.name ?? (functionName || '(anonymous)');
    const label = origin ? `${name} ${origin.source}:${origin.line}` : url ? `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}` : functionName;
    const entry = { label, group: groupOf(functionName, url, origin) };
    described.set(id, entry);
    return entry;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const groupSelf = new Map<Group, number>();
  const groupTotal = new Map<Group, number>();
  const groupOfLabel = new Map<string, Group>();
  let busyMs = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const top = profile.samples[i]!;
    const topFrame = describe(top);
    self.set(topFrame.label, (self.get(topFrame.label) ?? 0) + ms);
    groupSelf.set(topFrame.group, (groupSelf.get(topFrame.group) ?? 0) + ms);
    if (topFrame.group !== 'idle') busyMs += ms;
    const labels = new Set<string>();
    const groups = new Set<Group>();
    for (let id: number | undefined = top; id !== undefined; id = parent.get(id)) {
      const frame = describe(id);
      if (byId.get(id)?.callFrame.functionName === '(root)') continue;
      labels.add(frame.label);
      groups.add(frame.group);
      groupOfLabel.set(frame.label, frame.group);
    }
    for (const label of labels) total.set(label, (total.get(label) ?? 0) + ms);
    for (const group of groups) groupTotal.set(group, (groupTotal.get(group) ?? 0) + ms);
  }
  return {
    spanMs: (profile.endTime - profile.startTime) / 1000,
    busyMs,
    groups: GROUPS.map((group) => ({ group, selfMs: groupSelf.get(group) ?? 0, totalMs: groupTotal.get(group) ?? 0 })).filter((g) => g.totalMs > 0),
    frames: [...total.entries()].map(([label, totalMs]) => ({
      label,
      group: groupOfLabel.get(label) ?? 'other native',
      selfMs: self.get(label) ?? 0,
      totalMs,
    })),
  };
}
