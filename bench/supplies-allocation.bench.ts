import { DEFAULT_RULES } from '../server/modules/supplies/supplies.defaults.js';
import { allocate, fingerprintOf, shortfallByOrganisation, type HouseholdFacts, type MemberFacts } from '../server/modules/supplies/supplies.rules.js';

/**
 * supplies-allocation: one run for the whole country (the pure allocation over households built in
 * memory, shaped by SEED-FACTS): 3.3 million pupils in ~1.9 million households over 7,391 schools;
 * 79 % learn at a distance, 21 % in person (duty classes, regular-mode villages); ~185,000 distance
 * pupils without a computer; 24,000 teachers without a PC. Stock: 120,000 devices and 40,000 kits, so
 * there is a shortfall to report. Prints time, CPU and peak memory. `-- --pupils N` scales it.
 * The households are streamed into the run (a generator, as rows come from a database cursor):
 * `allocate` keeps only those that may need something. `-- --in-memory` builds the whole array
 * first (the old way) for comparison; the outcome is the same either way.
 */
export async function run(argv: string[]): Promise<void> {
  const i = argv.indexOf('--pupils');
  const pupilsTarget = i >= 0 ? Number(argv[i + 1]) : 3_300_000;
  let seed = 20_200_901;
  const rnd = () => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return seed / 4_294_967_296;
  };
  const cats = ['low_income', 'large_family', 'orphan', 'special_needs'];
  const t0 = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const inMemory = argv.includes('--in-memory');
  // shared strings and arrays, as rows read from the database would share little else
  const days = Array.from({ length: 40 }, (_, d) => new Date(Date.UTC(2020, 7, 1) + d * 86_400_000).toISOString());
  const catSets = cats.map((c) => [c]);
  const noCats: string[] = [];
  let pupils = 0,
    without = 0,
    id = 1,
    count = 0;
  const schools = Math.max(1, Math.round((7_391 * pupilsTarget) / 3_300_000));
  function* stream(): Generator<HouseholdFacts> {
    while (pupils < pupilsTarget) {
      const size = 1 + Math.floor(rnd() * rnd() * 5); // mostly 1-2 pupils, a few large families
      const members: MemberFacts[] = [];
      const poor = rnd() < 0.12;
      for (let k = 0; k < size; k++) {
        const inPerson = rnd() < 0.21;
        // ~185,000 of 2.6 million distance pupils have no computer: 7.1 %, more in poorer families
        const none = !inPerson && rnd() < (poor ? 0.35 : 0.035);
        if (none) without++;
        members.push({
          personId: id++,
          role: 'pupil',
          inPerson,
          devices: none ? 'none' : rnd() < 0.5 ? 'shared' : 'own',
          internet: rnd() < 0.06 ? 'none' : 'fixed',
          connectable: rnd() < 0.6,
          categories: poor ? catSets[Math.floor(rnd() * 4)]! : noCats,
        });
      }
      pupils += size;
      const org = 1 + Math.floor(rnd() * schools);
      count++;
      yield { key: `h:${id}`, organisationId: org, districtId: 1 + (org % 200), recipientId: id, members, declaredAt: days[Math.floor(rnd() * 40)]! };
    }
    for (let k = 0; k < Math.round((24_000 * pupilsTarget) / 3_300_000); k++) {
      count++;
      yield {
        key: `t:${id}`,
        organisationId: 1 + (k % schools),
        districtId: 1,
        recipientId: id,
        members: [{ personId: id++, role: 'teacher', inPerson: false, devices: 'none', internet: 'fixed', connectable: true, categories: noCats }],
        declaredAt: '2020-08-20T00:00:00.000Z',
      };
    }
  }
  const households: Iterable<HouseholdFacts> = inMemory ? [...stream()] : stream();
  const built = process.hrtime.bigint();
  const outcome = allocate(DEFAULT_RULES, 1, households, { devices: 120_000, kits: 40_000 });
  const shortfall = shortfallByOrganisation(outcome.lines);
  const done = process.hrtime.bigint();
  const cpu = process.cpuUsage(cpu0);
  const ms = (a: bigint, b: bigint) => Number(b - a) / 1e6;
  const served = outcome.lines.filter((l) => l.devices > 0).length;
  console.log(
    `supplies-allocation: ${pupils.toLocaleString('en')} pupils in ${count.toLocaleString('en')} households (${inMemory ? 'built in memory first' : 'streamed'}), ${without.toLocaleString('en')} at a distance without a computer`,
  );
  console.log(
    `  households entitled: ${outcome.lines.length.toLocaleString('en')}, served with devices: ${served.toLocaleString('en')}, devices left: ${outcome.left.devices}, kits left: ${outcome.left.kits}`,
  );
  console.log(
    `  shortfall: ${shortfall.reduce((s, r) => s + r.devices, 0).toLocaleString('en')} devices, ${shortfall.reduce((s, r) => s + r.kits, 0).toLocaleString('en')} kits over ${shortfall.length.toLocaleString('en')} schools`,
  );
  console.log(`  outcome fingerprint ${fingerprintOf(1, outcome.lines, { devices: 120_000, kits: 40_000 })}`);
  console.log(
    `  time: ${inMemory ? 'build' : 'stream setup'} ${ms(t0, built).toFixed(0)} ms, run${inMemory ? '' : ' (generating households as it reads them)'} ${ms(built, done).toFixed(0)} ms; CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
}
