import { z } from 'zod';
import { localisedName, idSchema, bodyId } from './common.js';
import { personName } from './identity.js';

/**
 * Duty classes (and kindergarten duty groups, clubs of additional education): settings, application
 * windows, parents' applications, groups and the waiting list, officers' totals.
 */

export const dutyKind = z.enum(['school', 'kindergarten', 'additional']);
export type DutyKind = z.infer<typeof dutyKind>;

const isoDate = z.iso.date();
const code = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case code: letters, digits, _');
const grade = z.number().int().min(0).max(12);
const shift = z.number().int().min(1).max(3);
/** e.g. 'mon-wed-fri', 'tue-thu-sat' (the web translates the day names) */
export const dayPattern = z.string().regex(/^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun)){0,6}$/, 'days like mon-wed-fri');

/** A reason a parent may state; lower priority number = placed first. */
export const reasonOption = z
  .object({
    code,
    priority: z.number().int().min(1).max(9),
    label: z.object({ kk: z.string().trim().min(1).max(120), ru: z.string().trim().min(1).max(120), en: z.string().trim().min(1).max(120) }).strict(),
  })
  .strict();
export type ReasonOption = z.infer<typeof reasonOption>;

const settingsFields = {
  eligibleGrades: z.array(grade).min(1).max(13),
  /** the most children in a group */
  groupMax: z.number().int().min(1).max(60),
  /** a group below it is merged with an adjacent grade where allowed, else flagged */
  groupMin: z.number().int().min(1).max(60),
  joinAdjacentGrades: z.boolean(),
  shifts: z.array(shift).min(1).max(3),
  /** alternating days: each pattern is a slot a room and a teacher can serve once per shift */
  dayPatterns: z.array(dayPattern).min(1).max(4),
};

export const dutySettings = z.object({
  kind: dutyKind,
  /** null: the country's defaults; a region's own settings replace them for its organisations */
  regionId: z.number().nullable(),
  ...settingsFields,
  reasons: z.array(reasonOption).min(1).max(30),
  /** true when these are the country's defaults shown for a region that has none of its own */
  inherited: z.boolean(),
});
export type DutySettings = z.infer<typeof dutySettings>;
export const dutySettingsQuery = z.object({ kind: dutyKind.default('school'), regionId: idSchema.optional() }).strict();
export const dutySettingsBody = z
  .object({
    kind: dutyKind,
    regionId: bodyId.nullable(),
    ...settingsFields,
    reasons: z.array(reasonOption).min(1).max(30),
  })
  .strict();

// ── windows ─────────────────────────────────────────────────────────────────────────────────

/** Omitted fields take the settings' values; caps may only be stricter than the settings. */
export const windowBody = z
  .object({
    opensOn: isoDate,
    closesOn: isoDate,
    eligibleGrades: settingsFields.eligibleGrades.optional(),
    groupMax: settingsFields.groupMax.optional(),
    groupMin: settingsFields.groupMin.optional(),
    joinAdjacentGrades: z.boolean().optional(),
    shifts: settingsFields.shifts.optional(),
    dayPatterns: settingsFields.dayPatterns.optional(),
  })
  .strict();

export const statusCounts = z.object({ submitted: z.number(), placed: z.number(), waiting: z.number(), withdrawn: z.number() });

export const windowSchema = z.object({
  id: z.number(),
  organisationId: z.number(),
  kind: dutyKind,
  opensOn: z.string(),
  closesOn: z.string(),
  eligibleGrades: z.array(z.number()),
  groupMax: z.number(),
  groupMin: z.number(),
  joinAdjacentGrades: z.boolean(),
  shifts: z.array(z.number()),
  dayPatterns: z.array(z.string()),
  reasons: z.array(reasonOption),
  closedAt: z.string().nullable(),
  lastGroupedAt: z.string().nullable(),
  /** today is within the dates and the window was not closed early */
  isOpen: z.boolean(),
  counts: statusCounts,
  groups: z.number(),
});
export type DutyWindow = z.infer<typeof windowSchema>;
export const windowList = z.object({ items: z.array(windowSchema), canManage: z.boolean() });

// ── applications ────────────────────────────────────────────────────────────────────────────

export const applicationStatus = z.enum(['submitted', 'placed', 'waiting', 'withdrawn']);

export const applicationBody = z
  .object({
    windowId: bodyId,
    childId: bodyId,
    reasons: z.array(code).min(1).max(10),
    preferredShift: shift.nullable().default(null),
    note: z.string().trim().max(500).nullable().default(null),
  })
  .strict();

export const groupPlace = z.object({
  id: z.number(),
  label: z.string(),
  room: z.object({ id: z.number(), name: z.string() }),
  shift: z.number(),
  days: z.string(),
  teacher: personName,
});

/** What a parent sees of their child's application. */
export const parentApplication = z.object({
  id: z.number(),
  windowId: z.number(),
  status: applicationStatus,
  reasons: z.array(z.string()),
  preferredShift: z.number().nullable(),
  note: z.string().nullable(),
  submittedAt: z.string(),
  withdrawnAt: z.string().nullable(),
  /** 1 = next to be placed; null unless waiting */
  waitingPosition: z.number().nullable(),
  group: groupPlace.nullable(),
});
export type ParentApplication = z.infer<typeof parentApplication>;

export const myChildren = z.object({
  children: z.array(
    z.object({
      child: personName.extend({ id: z.number() }),
      organisation: z.object({ id: z.number(), name: localisedName }),
      class: z.object({ id: z.number(), name: z.string(), grade: z.number().nullable() }),
      /** the school's window that is open now or the latest one; null: none */
      window: z
        .object({
          id: z.number(),
          opensOn: z.string(),
          closesOn: z.string(),
          isOpen: z.boolean(),
          eligibleGrades: z.array(z.number()),
          shifts: z.array(z.number()),
          dayPatterns: z.array(z.string()),
          reasons: z.array(reasonOption),
          /** the child's grade is served by the window */
          eligible: z.boolean(),
        })
        .nullable(),
      application: parentApplication.nullable(),
    }),
  ),
});

/** What a school admin sees of an application. */
export const adminApplication = z.object({
  id: z.number(),
  child: personName.extend({ id: z.number() }),
  class: z.object({ id: z.number(), name: z.string() }),
  grade: z.number(),
  reasons: z.array(z.string()),
  priority: z.number(),
  preferredShift: z.number().nullable(),
  note: z.string().nullable(),
  status: applicationStatus,
  submittedAt: z.string(),
  groupId: z.number().nullable(),
  waitingPosition: z.number().nullable(),
  waitingReason: z.string().nullable(),
  placedByHand: z.boolean(),
  /** brothers and sisters with an active application in the same window */
  siblingIds: z.array(z.number()),
});
export const applicationList = z.object({ items: z.array(adminApplication) });
export const applicationListQuery = z.object({ status: applicationStatus.optional() }).strict();

export const groupSchema = z.object({
  id: z.number(),
  label: z.string(),
  grades: z.array(z.number()),
  shift: z.number(),
  days: z.string(),
  room: z.object({ id: z.number(), name: z.string(), capacity: z.number() }),
  teacher: personName.extend({ id: z.number() }),
  capacity: z.number(),
  size: z.number(),
  belowMinimum: z.boolean(),
  members: z.array(
    z.object({
      applicationId: z.number(),
      child: personName.extend({ id: z.number() }),
      grade: z.number(),
      className: z.string(),
      placedByHand: z.boolean(),
    }),
  ),
});
export const groupsResponse = z.object({ window: windowSchema, groups: z.array(groupSchema), waiting: z.array(adminApplication) });

export const groupingBody = z
  .object({
    /** start over: children already placed may move (the default never moves them) */
    reshuffle: z.boolean().default(false),
  })
  .strict();
export const groupingResult = z.object({
  groups: z.number(),
  groupsCreated: z.number(),
  groupsRemoved: z.number(),
  placed: z.number(),
  newlyPlaced: z.number(),
  moved: z.number(),
  waiting: z.number(),
  belowMinimum: z.number(),
});

export const moveBody = z
  .object({
    /** null: back to the waiting list */
    groupId: bodyId.nullable(),
  })
  .strict();

// ── officers ────────────────────────────────────────────────────────────────────────────────

export const totalsQuery = z
  .object({
    regionId: idSchema.optional(),
    districtId: idSchema.optional(),
  })
  .strict();
const totalsRow = {
  windows: z.number(),
  openWindows: z.number(),
  applications: z.number(),
  placed: z.number(),
  waiting: z.number(),
  submitted: z.number(),
  groups: z.number(),
};
export const totalsResponse = z.object({
  /** what each row is: a region, a district or an organisation */
  level: z.enum(['region', 'district', 'organisation']),
  rows: z.array(z.object({ area: z.object({ id: z.number(), name: localisedName }), ...totalsRow })),
  totals: z.object(totalsRow),
});
