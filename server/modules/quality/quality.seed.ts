import type { ModuleSeeder } from '../../seed/module-seeders.js';
import { DEMO_TODAY } from '../../seed/demo-clock.js';
import type { Actor } from '../identity/identity.actor.js';
import { analyticsSettings } from '../analytics/analytics.usecases.js';
import type { Level } from '../../../contracts/quality.js';
import * as repo from './quality.repository.js';
import { automaticEvidence, currentFramework } from './quality.usecases.js';
import { criterionKeys } from './quality.rules.js';

const LEVELS: Level[] = ['largely', 'fully', 'partially', 'largely', 'fully'];

/**
 * Demo self-assessments (deterministic) in demo.district's district for 2020-2021, leaving
 * demo.admin's school without one (the demo and the browser journey fill it in):
 * - the next school: submitted, waiting for the district's review;
 * - the one after: returned once with comments, resubmitted and accepted;
 * and the demo school's 2019-2020 assessment, accepted (its history).
 * The automatic evidence is what the ministry would see on the demo's today.
 */
export const seedQuality: ModuleSeeder = async ({ db, quiet }) => {
  const f = await currentFramework(db);
  const city = (
    await db.query<{ id: number; district_id: number }>("select id, district_id from organisations where name_en = 'Kaskelen Secondary School No. 1'")
  ).rows[0];
  const reviewer = (await db.query<{ person_id: number }>("select person_id from accounts where login = 'demo.district'")).rows[0];
  if (!city || !reviewer) return; // the region and country datasets have no demo accounts
  const { rows: schools } = await db.query<{ id: number; admin: number }>(
    `select o.id, min(r.person_id) as admin from organisations o join role_assignments r on r.organisation_id = o.id and r.role = 'org_admin'
      where o.district_id = $1 and o.id <> $2 group by o.id order by o.id limit 2`,
    [city.district_id, city.id],
  );
  const cityAdmin = (await db.query<{ person_id: number }>("select person_id from accounts where login = 'demo.admin'")).rows[0]!.person_id;
  const years = await repo.years(db);
  const current = years.find((y) => y.name === '2020-2021')!;
  const previous = years.find((y) => y.name === '2019-2020')!;
  const ministry: Actor = {
    accountId: 0,
    personId: 0,
    sessionId: 0,
    language: 'kk',
    grants: [{ role: 'ministry_officer', organisationId: null, districtId: null, regionId: null }],
    childIds: [],
    childClassIds: [],
    taught: [],
    homeroomClassIds: [],
    pupilClassIds: [],
  };
  const ctx = { today: DEMO_TODAY, now: new Date(`${DEMO_TODAY}T09:00:00+06:00`), settings: analyticsSettings() };
  const answers = (seed: number, blankFrom = Infinity): repo.StoredAnswer[] =>
    criterionKeys(f).map((criterion, i) => ({
      criterion,
      level: i >= blankFrom ? null : LEVELS[(i + seed) % LEVELS.length]!,
      comment: i % 4 === 0 ? 'Әдістемелік бірлестік отырысында талқыланды.' : '',
      evidence: i % 5 === 1 ? 'Мектептің онлайн оқыту ережесі, 2020 ж. 28 тамыз.' : '',
      links: i === 0 ? ['https://sabaq.example.kz/docs/strategy'] : [],
      fileIds: [],
    }));
  const at = (d: string) => new Date(`${d}T10:00:00+06:00`);
  let n = 0;
  const start = async (orgId: number, yearId: number, by: number) => {
    await repo.ensureAssessment(db, orgId, yearId, f.id, by);
    return (await repo.findAssessment(db, orgId, yearId))!;
  };
  const submitted = async (orgId: number, by: number, a: repo.AssessmentRow, list: repo.StoredAnswer[], when: string, year = current) => {
    await repo.saveAnswers(db, a.id, list, by, at(when));
    const ev = await automaticEvidence(db, ministry, orgId, year, { ...ctx, today: year === current ? DEMO_TODAY : year.endsOn });
    await repo.insertSubmission(db, a.id, list, ev, by, at(when));
    await repo.setStatus(db, a.id, 'submitted', at(when));
    n++;
    return (await repo.submissions(db, a.id))[0]!;
  };
  const review = async (
    a: repo.AssessmentRow,
    s: repo.SubmissionRow,
    verdict: 'accepted' | 'returned',
    comment: string,
    comments: { criterion: string; comment: string }[],
    when: string,
  ) => {
    await repo.insertReview(db, s.id, { verdict, comment, comments }, reviewer.person_id, at(when));
    await repo.setStatus(db, a.id, verdict, at(when));
  };

  const [first, second] = schools;
  if (first) {
    const a = await start(first.id, current.id, first.admin);
    await submitted(first.id, first.admin, a, answers(1), '2020-12-04');
  }
  if (second) {
    const a = await start(second.id, current.id, second.admin);
    const s1 = await submitted(second.id, second.admin, a, answers(2), '2020-11-20');
    await review(
      a,
      s1,
      'returned',
      'Кері байланыс мерзімдерін нақтылаңыз.',
      [{ criterion: 'feedback', comment: 'Үй жұмысын тексеру мерзімі көрсетілмеген: ережеге сілтеме қосыңыз.' }],
      '2020-11-24',
    );
    const fixed = answers(2).map((x) =>
      x.criterion === 'feedback' ? { ...x, level: 'largely' as const, evidence: 'Тексеру мерзімі — 3 жұмыс күні (ереже, 4-бөлім).' } : x,
    );
    const s2 = await submitted(second.id, second.admin, a, fixed, '2020-11-27');
    await review(a, s2, 'accepted', 'Қабылданды. Рахмет.', [], '2020-12-01');
  }
  if (previous) {
    const a = await start(city.id, previous.id, cityAdmin);
    const s = await submitted(city.id, cityAdmin, a, answers(3), '2020-05-20', previous);
    await review(a, s, 'accepted', 'Қабылданды.', [], '2020-05-25');
  }
  if (!quiet) console.log(`quality: framework v${f.version}, ${n} demo submissions`);
};
