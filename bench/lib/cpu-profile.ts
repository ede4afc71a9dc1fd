import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './server-child.js';

/** The fields of a V8 .cpuprofile (node --cpu-prof) that the summary reads. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileWindow {
  /** process.hrtime.bigint() of this process, in µs: V8's profile clock is the same monotonic clock */
  fromUs: number;
  toUs: number;
}

export interface ProfileSummary {
  samples: number;
  /** milliseconds covered by the samples counted */
  ms: number;
  windowApplied: boolean;
  /** self time by function, most first */
  functions: { name: string; where: string; pct: number }[];
  /** self time by place (package, our source folder, Node internals, V8 buckets) */
  selfByPlace: { place: string; pct: number }[];
  /** share of samples with the place anywhere on the stack */
  inclusiveByPlace: { place: string; pct: number }[];
}

export function hrtimeUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Where a frame's code lives: "pkg:fastify", "server/modules/learning", "node:internal", "(garbage collector)"… */
function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const file = url.startsWith('file://') ? url.slice(7) : url;
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = file.slice(nm + 14).split('/');
    return `pkg:${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (file.startsWith('node:')) return file.startsWith('node:internal') ? 'node:internal' : file;
  const rel = path.relative(REPO_ROOT, file);
  if (!rel.startsWith('..'))
    return rel
      .split('/')
      .slice(0, rel.startsWith('server/modules') ? 3 : 2)
      .join('/');
  return file;
}

function shortWhere(url: string, line: number): string {
  if (!url) return '';
  const file = url.startsWith('file://') ? url.slice(7) : url;
  const nm = file.lastIndexOf('/node_modules/');
  const shown = nm >= 0 ? file.slice(nm + 14) : path.relative(REPO_ROOT, file).startsWith('..') ? file : path.relative(REPO_ROOT, file);
  return `${shown}:${line + 1}`;
}

/**
 * Summarises a CPU profile of the server, counting only samples inside `window` (the measured load)
 * when the profile's clock covers it, otherwise every sample.
 */
export function summariseProfile(file: string, window?: ProfileWindow, top = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  let t = profile.startTime;
  const inWindow = window && window.fromUs < profile.endTime && window.toUs > profile.startTime;
  const self = new Map<number, number>();
  let samples = 0;
  let ms = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    t += delta;
    if (inWindow && (t < window.fromUs || t > window.toUs)) continue;
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + 1);
    samples += 1;
    ms += delta / 1000;
  }

  const fnSelf = new Map<string, { name: string; where: string; n: number }>();
  const placeSelf = new Map<string, number>();
  const placeIncl = new Map<string, number>();
  for (const [id, n] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName}@${url}:${lineNumber}`;
    const entry = fnSelf.get(key) ?? { name: functionName || '(anonymous)', where: shortWhere(url, lineNumber), n: 0 };
    entry.n += n;
    fnSelf.set(key, entry);
    const place = placeOf(url, functionName);
    placeSelf.set(place, (placeSelf.get(place) ?? 0) + n);
    const seen = new Set<string>();
    for (let cur: number | undefined = id, depth = 0; cur !== undefined && depth < 500; cur = parent.get(cur), depth++) {
      const f = byId.get(cur)!.callFrame;
      if (f.functionName === '(root)') break;
      seen.add(placeOf(f.url, f.functionName));
    }
    for (const p of seen) placeIncl.set(p, (placeIncl.get(p) ?? 0) + n);
  }
  const pct = (n: number) => (samples ? (100 * n) / samples : 0);
  const sorted = <T>(m: Map<string, T>, n: (v: T) => number) => [...m.entries()].sort((a, b) => n(b[1]) - n(a[1]));
  return {
    samples,
    ms,
    windowApplied: Boolean(inWindow),
    functions: sorted(fnSelf, (v) => v.n)
      .slice(0, top)
      .map(([, v]) => ({ name: v.name, where: v.where, pct: pct(v.n) })),
    selfByPlace: sorted(placeSelf, (v) => v)
      .slice(0, top)
      .map(([place, n]) => ({ place, pct: pct(n) })),
    inclusiveByPlace: sorted(placeIncl, (v) => v)
      .slice(0, top)
      .map(([place, n]) => ({ place, pct: pct(n) })),
  };
}

export function printProfile(s: ProfileSummary): void {
  console.log(
    `\nServer CPU profile: ${s.samples.toLocaleString('en-US')} samples, ${(s.ms / 1000).toFixed(1)} s` +
      `${s.windowApplied ? ' (measured load only)' : ' (whole server life: the window did not match the profile clock)'}`,
  );
  console.log('  self time by place                         │ on the stack (inclusive)');
  for (let i = 0; i < Math.max(s.selfByPlace.length, s.inclusiveByPlace.length); i++) {
    const a = s.selfByPlace[i];
    const b = s.inclusiveByPlace[i];
    const left = a ? `${a.pct.toFixed(1).padStart(5)} %  ${a.place}` : '';
    console.log(`  ${left.padEnd(43)}│ ${b ? `${b.pct.toFixed(1).padStart(5)} %  ${b.place}` : ''}`);
  }
  console.log('  self time by function:');
  for (const f of s.functions) console.log(`  ${f.pct.toFixed(1).padStart(5)} %  ${f.name}  ${f.where}`);
}
