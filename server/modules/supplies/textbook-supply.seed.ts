import type { Db } from '../../platform/db.js';
import type { SeedSize } from '../../seed/module-seeders.js';

/**
 * Textbook supply demo data, shaped by the seeds (free textbooks for every pupil; dispatch 50% and
 * delivery 35% a month before school; deadline 25 August): a grade-1..11 mathematics title in Kazakh
 * and in Russian, one purchase order per region and publisher (Атамұра for Kazakh, Мектеп for Russian)
 * for every pupil of the current year, a dispatch per school and title planned between 15 July and
 * 18 August, sent the next day, delivered 3-10 days later. Deterministic by organisation and title:
 * about 8% of dispatches were never sent and 12% arrived short (60%), so officers have a late list;
 * the Kaskelen city school got only half of its grade-5 Russian copies (the browser journey records
 * the rest). Fully delivered copies were issued to the pupils on 1 September. Set-based SQL, so the
 * `region` dataset costs a few statements; the `country` dataset is not seeded (not measured there).
 * A class's language is not stored: Russian in a Russian school, or in a Kazakh-Russian school for
 * classes lettered other than А and Ә (the demo's convention).
 */
export async function seedTextbookSupply(db: Db, size: SeedSize): Promise<void> {
  if (size === 'country') return;
  await db.transaction(async (tx) => {
    await tx.query(`
      insert into supplies_textbook_titles (title, grade, subject, language, publisher, year, isbn)
      select case l when 'kk' then 'Математика, ' || g || '-сынып' else 'Математика, ' || g || ' класс' end, g, 'math', l,
             case l when 'kk' then 'Атамұра' else 'Мектеп' end, 2020,
             '978-601-' || case l when 'kk' then '07' else '08' end || '-' || lpad(g::text, 4, '0') || '-' || (g % 10)
        from generate_series(1, 11) g cross join (values ('kk'), ('ru')) v(l)
      on conflict (isbn) do nothing`);
    await tx.query(`
      create temp table seed_need on commit drop as
      select c.organisation_id as org, o.region_id as region, t.id as title_id, t.language, t.grade, count(*)::int as copies
        from classes c
        join academic_years y on y.id = c.academic_year_id and y.is_current
        join organisations o on o.id = c.organisation_id and o.kind = 'school'
        join class_members m on m.class_id = c.id
        join supplies_textbook_titles t on t.isbn = '978-601-' ||
             case when o.instruction_language = 'ru' or (o.instruction_language = 'kk_ru' and coalesce(c.letter, 'А') not in ('А', 'Ә')) then '08' else '07' end
             || '-' || lpad(c.grade::text, 4, '0') || '-' || (c.grade % 10)
       where c.kind = 'class' and c.grade between 1 and 11
       group by 1, 2, 3, 4, 5`);
    await tx.query(`
      create temp table seed_orders on commit drop as
      with o as (
        insert into supplies_textbook_orders (region_id, publisher, reference, deadline, created_at)
        select distinct region, case language when 'kk' then 'Атамұра' else 'Мектеп' end, '2020/' || region || '-' || language, date '2020-08-25',
               timestamptz '2020-06-15 10:00+06'
          from seed_need order by 1, 2
        returning id, region_id, publisher
      ) select * from o`);
    await tx.query(`
      insert into supplies_textbook_order_lines (order_id, title_id, copies, unit_price)
      select so.id, n.title_id, sum(n.copies), 1800 + 60 * n.grade
        from seed_need n join seed_orders so on so.region_id = n.region and so.publisher = case n.language when 'kk' then 'Атамұра' else 'Мектеп' end
       group by so.id, n.title_id, n.grade`);
    await tx.query(`
      create temp table seed_dispatch on commit drop as
      with x as (
        select n.*, l.id as line_id, (n.org * 37 + n.title_id * 11) % 100 as h,
               date '2020-07-15' + ((n.org * 7 + n.title_id) % 35)::int as planned_on,
               (select name_en from organisations where id = n.org) = 'Kaskelen Secondary School No. 1' as city
          from seed_need n join supplies_textbook_order_lines l on l.title_id = n.title_id
          join seed_orders so on so.id = l.order_id and so.region_id = n.region
      ), d as (
        insert into supplies_textbook_dispatches (order_line_id, organisation_id, copies, planned_on, sent_at, created_at)
        select line_id, org, copies, planned_on, case when city or h < 92 then ((planned_on + 1) + time '10:00') at time zone 'Asia/Almaty' end,
               timestamptz '2020-07-01 10:00+06'
          from x order by org, title_id
        returning id, order_line_id, organisation_id
      )
      select d.id, x.org, x.title_id, x.copies, x.planned_on, x.h, x.city, x.language, x.grade,
             case when x.city and x.language = 'ru' and x.grade = 5 then x.copies / 2
                  when x.city then x.copies
                  when x.h >= 92 then 0
                  when x.h >= 80 then greatest(1, (x.copies * 6) / 10)
                  else x.copies end as delivered
        from d join x on x.line_id = d.order_line_id and x.org = d.organisation_id`);
    await tx.query(`
      insert into supplies_textbook_deliveries (dispatch_id, organisation_id, title_id, copies, received_on, recorded_at, note)
      select id, org, title_id, delivered, planned_on + 3 + (h % 8)::int, ((planned_on + 3 + (h % 8)::int) + time '15:00') at time zone 'Asia/Almaty', null
        from seed_dispatch where delivered > 0 order by id`);
    await tx.query(`
      insert into supplies_textbook_stock (organisation_id, title_id, copies)
      select org, title_id, sum(delivered) from seed_dispatch where delivered > 0 group by 1, 2
      on conflict (organisation_id, title_id) do update set copies = supplies_textbook_stock.copies + excluded.copies`);
    // fully delivered: one copy to every pupil of the classes it was bought for, on 1 September
    await tx.query(`
      insert into supplies_textbook_issues (title_id, organisation_id, class_id, pupil_id, issued_at)
      select s.title_id, s.org, c.id, m.pupil_id, timestamptz '2020-09-01 09:00+06'
        from seed_dispatch s
        join classes c on c.organisation_id = s.org and c.kind = 'class' and c.grade = s.grade
        join academic_years y on y.id = c.academic_year_id and y.is_current
        join organisations o on o.id = c.organisation_id
        join class_members m on m.class_id = c.id
       where s.delivered = s.copies
         and (case when o.instruction_language = 'ru' or (o.instruction_language = 'kk_ru' and coalesce(c.letter, 'А') not in ('А', 'Ә')) then 'ru' else 'kk' end) = s.language
      on conflict do nothing`);
  });
}
