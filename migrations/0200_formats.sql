-- formats module: the epidemic situation of each area, versioned format rules, the decision for
-- every organisation and class (with its reason), and officers' overrides.

-- One row of settings for the whole country (edited by the ministry).
create table formats_settings (
  id                     boolean primary key default true check (id),
  -- 'binary': favourable (green) / unfavourable (red); 'zones': green / yellow / red
  situation_scale        text not null default 'binary' check (situation_scale in ('binary', 'zones')),
  -- may a region publish its own rule set (which then decides for its organisations)
  regions_may_edit_rules boolean not null default false,
  updated_at             timestamptz not null default now(),
  updated_by             bigint references persons(id)
);
insert into formats_settings default values;

-- Every record is kept (history). The area is the most specific id that is set; the ids above it
-- are denormalised so scope checks need no join. level null: "inherit from above again".
create table epidemic_situations (
  id             bigint generated always as identity primary key,
  area_level     text not null check (area_level in ('country', 'region', 'district', 'settlement')),
  region_id      integer references regions(id),
  district_id    integer references districts(id),
  settlement_id  integer references settlements(id),
  level          text check (level in ('green', 'yellow', 'red')),
  effective_from date not null,
  source         text not null,                          -- the decree or source
  recorded_by    bigint references persons(id),
  recorded_at    timestamptz not null default now(),
  check (
    (area_level = 'country' and region_id is null and district_id is null and settlement_id is null) or
    (area_level = 'region' and region_id is not null and district_id is null and settlement_id is null) or
    (area_level = 'district' and region_id is not null and district_id is not null and settlement_id is null) or
    (area_level = 'settlement' and region_id is not null and district_id is not null and settlement_id is not null)
  )
);
create index epidemic_situations_area_idx
  on epidemic_situations (area_level, coalesce(settlement_id, district_id, region_id, 0), effective_from desc, recorded_at desc);

-- A published rule set (JSON validated by contracts/formats.ts `ruleSetBody`). Versions count per
-- scope: the country's (region_id null) and each region's own, where the settings allow them.
create table format_rule_sets (
  id             bigint generated always as identity primary key,
  region_id      integer references regions(id),
  version        integer not null check (version > 0),
  name           text not null,
  body           jsonb not null,
  effective_from date not null,
  notes          text not null default '',
  published_by   bigint references persons(id),
  published_at   timestamptz not null default now()
);
create unique index format_rule_sets_version_idx on format_rule_sets (coalesce(region_id, 0), version);

-- Derived from rules + situations by a recomputation (publishing a rule set, recording a
-- situation). Versions by effective date; a recomputation from date D marks the versions from D
-- on as superseded (kept for the record) and writes the new ones. class_id null: the organisation.
create table format_decisions (
  id              bigint generated always as identity primary key,
  organisation_id integer not null references organisations(id),
  class_id        bigint references classes(id),
  format          text not null check (format in ('regular', 'distance', 'duty', 'combined')),
  on_site         text[],                                -- combined: activities held on site (lab, practice…)
  subgroup_max    smallint,
  reason          jsonb not null,                        -- [{code, params}] rendered by the web in kk/ru/en
  rule_set_id     bigint references format_rule_sets(id),
  rule_id         text,                                  -- null: the rule set's default
  effective_from  date not null,
  created_at      timestamptz not null default now(),
  superseded_at   timestamptz
);
create unique index format_decisions_version_idx
  on format_decisions (organisation_id, coalesce(class_id, 0), effective_from) where superseded_at is null;
create index format_decisions_class_idx on format_decisions (class_id, effective_from desc) where superseded_at is null;

-- An officer's decision that replaces the computed one for an organisation (and all its classes)
-- or one class, over a period. Never deleted: revoking keeps the row.
create table format_overrides (
  id              bigint generated always as identity primary key,
  organisation_id integer not null references organisations(id),
  class_id        bigint references classes(id),
  format          text not null check (format in ('regular', 'distance', 'duty', 'combined')),
  on_site         text[],
  subgroup_max    smallint,
  reason          text not null,
  effective_from  date not null,
  effective_to    date,
  created_by      bigint not null references persons(id),
  created_at      timestamptz not null default now(),
  revoked_at      timestamptz,
  revoked_by      bigint references persons(id),
  revoke_reason   text,
  check (effective_to is null or effective_to >= effective_from)
);
create index format_overrides_org_idx on format_overrides (organisation_id, created_at desc);
create index format_overrides_class_idx on format_overrides (class_id) where class_id is not null;

-- The format of one organisation as a whole on one date: its override in force, else its decision.
create function formats_effective_org_format(p_organisation_id integer, p_on date)
returns table (format text, on_site text[], subgroup_max smallint, source text, effective_from date, reason jsonb,
               rule_set_id bigint, rule_id text)
language sql stable as $$
  select format, on_site, subgroup_max, source, effective_from, reason, rule_set_id, rule_id from (
    (select 1 as rank, o.format, o.on_site, o.subgroup_max, 'override'::text as source, o.effective_from,
        jsonb_build_array(jsonb_build_object('code', 'override', 'params',
          jsonb_build_object('note', o.reason, 'since', o.effective_from))) as reason,
        null::bigint as rule_set_id, null::text as rule_id
       from format_overrides o
      where o.organisation_id = p_organisation_id and o.class_id is null and o.revoked_at is null
        and o.effective_from <= p_on and (o.effective_to is null or o.effective_to >= p_on)
      order by o.created_at desc, o.id desc limit 1)
    union all
    (select 2, d.format, d.on_site, d.subgroup_max, 'decision', d.effective_from, d.reason, d.rule_set_id, d.rule_id
       from format_decisions d
      where d.organisation_id = p_organisation_id and d.class_id is null and d.superseded_at is null and d.effective_from <= p_on
      order by d.effective_from desc limit 1)
  ) x order by rank limit 1
$$;

-- The format of one class on one date, for other modules (learning turns lessons online from it):
-- an override of the class, else an override of its organisation, else the class's decision, else
-- its organisation's decision. No row: nothing decided yet (before the first recomputation).
create function formats_effective_format(p_class_id bigint, p_on date)
returns table (format text, on_site text[], subgroup_max smallint, source text, effective_from date, reason jsonb,
               rule_set_id bigint, rule_id text)
language sql stable as $$
  with c as (select id, organisation_id from classes where id = p_class_id)
  select format, on_site, subgroup_max, source, effective_from, reason, rule_set_id, rule_id from (
    (select case when o.class_id is null then 2 else 1 end as rank, o.format, o.on_site, o.subgroup_max,
        'override'::text as source, o.effective_from,
        jsonb_build_array(jsonb_build_object('code', 'override', 'params',
          jsonb_build_object('note', o.reason, 'since', o.effective_from))) as reason,
        null::bigint as rule_set_id, null::text as rule_id
       from format_overrides o join c on o.organisation_id = c.organisation_id and (o.class_id = c.id or o.class_id is null)
      where o.revoked_at is null and o.effective_from <= p_on and (o.effective_to is null or o.effective_to >= p_on)
      order by 1, o.created_at desc, o.id desc limit 1)
    union all
    (select case when d.class_id is null then 4 else 3 end, d.format, d.on_site, d.subgroup_max, 'decision',
        d.effective_from, d.reason, d.rule_set_id, d.rule_id
       from format_decisions d join c on d.organisation_id = c.organisation_id and (d.class_id = c.id or d.class_id is null)
      where d.superseded_at is null and d.effective_from <= p_on
      order by 1, d.effective_from desc limit 1)
  ) x order by rank limit 1
$$;

-- Today's format of every class (convenience for reports and other modules' reads).
create view formats_class_formats_today as
  select c.id as class_id, c.organisation_id, f.format, f.on_site, f.subgroup_max, f.source, f.effective_from
    from classes c cross join lateral formats_effective_format(c.id, current_date) f;
