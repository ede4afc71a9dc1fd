import { z } from 'zod';
import { localisedName, idSchema } from './common.js';
import { personName } from './identity.js';

/** The e-journal's API shapes, shared by the server (validation, OpenAPI) and the web (types). */

// ── vocabulary ─────────────────────────────────────────────────────────────
export const deliveryKind = z.enum(['in_person', 'online_live', 'tv', 'recorded']);
export const tvChannel = z.enum(['al_farabi', 'el_arna', 'balapan', 'qazaqstan']);
export const assessmentKind = z.enum(['formative', 'section', 'term', 'rating', 'exam']);
export const attendanceStatus = z.enum(['present', 'absent', 'late', 'excused']);
export const gradingSystem = z.enum(['criteria', 'credit']);
export type DeliveryKind = z.infer<typeof deliveryKind>;
/**
 * What kind of teaching a lesson is. Under the 'combined' format some activities stay on site
 * (a university group's lab) while the rest go online; a school lesson is 'lesson'.
 */
export const lessonActivity = z.enum(['lecture', 'seminar', 'lab', 'practice', 'lesson']);
export type LessonActivity = z.infer<typeof lessonActivity>;
/** Who decided a lesson's delivery: 'format' — the learning-format rules (it follows the class's format); 'teacher' — a person, and nothing automatic changes it. */
export const deliverySource = z.enum(['teacher', 'format']);
export type DeliverySource = z.infer<typeof deliverySource>;
export type AssessmentKind = z.infer<typeof assessmentKind>;
export type AttendanceStatus = z.infer<typeof attendanceStatus>;

const id = idSchema;
const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');
/** Links people click: http(s) only, never javascript: or data:. */
const webUrl = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'an http or https address');
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const fileIdParam = z.object({ id: z.uuid() }).strict();
export const fileDownloadQuery = z.object({ disposition: z.enum(['attachment', 'inline']).default('attachment') }).strict();

// ── shared pieces of responses ─────────────────────────────────────────────
export const subjectRef = z.object({ id: z.number(), code: z.string(), name: localisedName });
export const personRef = personName.extend({ id: z.number() });
export const classRef = z.object({ id: z.number(), name: z.string() });
export const storedFileSchema = z.object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.number(), createdAt: z.string() });
export type StoredFile = z.infer<typeof storedFileSchema>;

export const termSchema = z.object({
  id: z.number(),
  kind: z.enum(['quarter', 'semester']),
  number: z.number(),
  startsOn: z.string(),
  endsOn: z.string(),
  academicYearId: z.number(),
});
export type Term = z.infer<typeof termSchema>;

/** How a lesson reaches the learner. joinUrl is given to teachers; learners get it from POST …/join, which records them present. */
export const deliverySchema = z.object({
  kind: deliveryKind,
  joinUrl: z.string().nullable(),
  tvChannel: tvChannel.nullable(),
  tvAirAt: z.string().nullable(),
  videoUrl: z.string().nullable(),
  /** the TV slot of the grid this lesson is on (issue 10): channel name, its clock, the recording once ready */
  tvSlot: z
    .object({
      id: z.number(),
      channelName: z.string(),
      timeZone: z.string(),
      startsAt: z.string(),
      topic: z.string(),
      /** the recording's id when it is ready (the watch page is /video/watch/:id) */
      videoId: z.number().nullable(),
    })
    .nullable()
    .optional(),
});

export const materialSchema = z.object({
  id: z.number(),
  kind: z.enum(['file', 'link']),
  title: z.string(),
  url: z.string().nullable(),
  file: storedFileSchema.nullable(),
  homeworkId: z.number().nullable(),
});
export type Material = z.infer<typeof materialSchema>;

export const markValue = z.object({ kind: assessmentKind, score: z.number(), max: z.number() });

export const termResultSchema = z.object({
  system: z.literal('criteria'),
  percent: z.number().nullable(),
  grade: z.number().nullable(),
  complete: z.boolean(),
  components: z.object({ formative: z.number().nullable(), section: z.number().nullable(), term: z.number().nullable() }),
});
export const courseResultSchema = z.object({
  system: z.literal('credit'),
  score: z.number().nullable(),
  letter: z.string().nullable(),
  gpa: z.number().nullable(),
  rating: z.number().nullable(),
  exam: z.number().nullable(),
  complete: z.boolean(),
});
/** A pupil's standing in a subject for a term: criteria (percent → 2..5) or credit (points → letter, GPA). */
export const resultSchema = z.discriminatedUnion('system', [termResultSchema, courseResultSchema]);
export type SubjectResult = z.infer<typeof resultSchema>;

// ── pupil and parent: day, week, summary ───────────────────────────────────
/** Today when no dates are given; a week is from=Monday&to=Sunday. At most 31 days. */
export const diaryQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict();

/** A video of the archive attached to a lesson or a homework (issue 10; the watch page is /video/watch/:id), once ready. */
export const attachedVideo = z.object({ id: z.number(), title: z.string(), durationSeconds: z.number().nullable() });
export type AttachedVideo = z.infer<typeof attachedVideo>;

export const diaryLesson = z.object({
  id: z.number(),
  date: z.string(),
  periodNumber: z.number().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  subject: subjectRef,
  teacher: personRef,
  class: classRef,
  room: z.string().nullable(),
  delivery: deliverySchema,
  /** online_live and not cancelled: the screen shows a Join button that POSTs …/lessons/:id/join */
  joinable: z.boolean(),
  topic: z.string().nullable(),
  cancelled: z.boolean(),
  materials: z.array(materialSchema),
  /** videos attached by the teacher, and the recording of a live lesson once transcoded */
  videos: z.array(attachedVideo).optional(),
  homeworkSet: z.array(z.object({ id: z.number(), title: z.string(), dueAt: z.string() })),
  mark: markValue.extend({ comment: z.string().nullable() }).nullable(),
  attendance: z
    .object({
      status: attendanceStatus,
      online: z.boolean(),
      /** minutes in the live lesson's room, from the media server's participant lists (null: not measured) */
      onlineMinutes: z.number().nullable(),
      reason: z.string().nullable(),
    })
    .nullable(),
});

export const submissionBrief = z.object({
  id: z.number(),
  status: z.enum(['submitted', 'marked']),
  late: z.boolean(),
  submittedAt: z.string(),
  attempts: z.number(),
  mark: markValue.extend({ comment: z.string().nullable() }).nullable(),
});

export const diaryHomework = z.object({
  id: z.number(),
  lessonId: z.number(),
  lessonDate: z.string(),
  subject: subjectRef,
  title: z.string(),
  instructions: z.string().nullable(),
  dueAt: z.string(),
  materials: z.array(materialSchema),
  videos: z.array(attachedVideo).optional(),
  submission: submissionBrief.nullable(),
});

export const announcementSchema = z.object({
  id: z.number(),
  class: classRef,
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  author: personRef,
});
export type Announcement = z.infer<typeof announcementSchema>;

export const diaryResponse = z.object({
  pupil: personRef,
  /** the pupil's classes this year (for the timetable and announcements) */
  classes: z.array(classRef),
  /** the school's IANA zone: show times in it */
  timeZone: z.string().nullable(),
  /** the school's today (a date) */
  today: z.string(),
  from: z.string(),
  to: z.string(),
  /** lessons of the range in order */
  lessons: z.array(diaryLesson),
  /** homework due from the start of the range to a week after its end, with the pupil's submission */
  homework: z.array(diaryHomework),
  /** the latest announcements to the pupil's classes (at most 10) */
  announcements: z.array(announcementSchema),
});
export type Diary = z.infer<typeof diaryResponse>;

export const summaryQuery = z.object({ termId: id.optional() }).strict();

const attendanceCounts = z.object({ present: z.number(), absent: z.number(), late: z.number(), excused: z.number() });

export const summaryResponse = z.object({
  pupil: personRef,
  grading: gradingSystem,
  term: termSchema.nullable(),
  terms: z.array(termSchema),
  subjects: z.array(
    z.object({
      subject: subjectRef,
      marks: z.array(
        markValue.extend({
          lessonId: z.number(),
          homeworkId: z.number().nullable(),
          date: z.string(),
          comment: z.string().nullable(),
        }),
      ),
      result: resultSchema,
      attendance: attendanceCounts,
    }),
  ),
  attendance: attendanceCounts.extend({
    /** the latest absences and late arrivals of the term (at most 20) */
    recent: z.array(
      z.object({
        lessonId: z.number(),
        date: z.string(),
        subject: subjectRef,
        status: attendanceStatus,
        reason: z.string().nullable(),
      }),
    ),
  }),
});
export type PupilSummary = z.infer<typeof summaryResponse>;

// ── teacher: journal grid ──────────────────────────────────────────────────
export const journalQuery = z.object({ classId: id, subjectId: id, termId: id.optional() }).strict();

export const journalResponse = z.object({
  class: classRef.extend({ organisationId: z.number() }),
  subject: subjectRef,
  grading: gradingSystem,
  term: termSchema.nullable(),
  terms: z.array(termSchema),
  /** the actor teaches this class and subject (others — homeroom, admin — read only) */
  canEdit: z.boolean(),
  formativeMax: z.number(),
  pupils: z.array(personRef),
  /** the columns: the term's lessons in date order */
  lessons: z.array(
    z.object({
      id: z.number(),
      date: z.string(),
      periodNumber: z.number().nullable(),
      startsAt: z.string(),
      topic: z.string().nullable(),
      assessment: assessmentKind,
      assessmentMax: z.number().nullable(),
      delivery: deliveryKind,
      cancelled: z.boolean(),
      homework: z.array(z.object({ id: z.number(), title: z.string(), dueAt: z.string() })),
    }),
  ),
  /** the cells: classwork marks (homeworkId null) and homework marks */
  marks: z.array(
    markValue.extend({
      lessonId: z.number(),
      pupilId: z.number(),
      homeworkId: z.number().nullable(),
      comment: z.string().nullable(),
    }),
  ),
  attendance: z.array(
    z.object({
      lessonId: z.number(),
      pupilId: z.number(),
      status: attendanceStatus,
      reason: z.string().nullable(),
      online: z.boolean(),
      /** minutes in the live lesson's room (null: not measured) */
      onlineMinutes: z.number().nullable(),
    }),
  ),
  results: z.array(z.object({ pupilId: z.number(), result: resultSchema })),
});
export type Journal = z.infer<typeof journalResponse>;

/** One cell or many: score null removes the mark. */
export const marksBody = z
  .object({
    entries: z
      .array(
        z
          .object({
            pupilId: id,
            score: z.number().nullable(),
            comment: optionalText(500),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();

/** One cell or many: status null removes the record. An excused absence needs a reason. */
export const attendanceBody = z
  .object({
    entries: z
      .array(
        z
          .object({
            pupilId: id,
            status: attendanceStatus.nullable(),
            reason: optionalText(300),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  })
  .strict();

export const cellsResponse = z.object({ changed: z.number() });

export const markHistoryResponse = z.object({
  items: z.array(
    z.object({
      pupilId: z.number(),
      homeworkId: z.number().nullable(),
      action: z.enum(['set', 'changed', 'removed']),
      kind: assessmentKind,
      oldScore: z.number().nullable(),
      oldMax: z.number().nullable(),
      newScore: z.number().nullable(),
      newMax: z.number().nullable(),
      comment: z.string().nullable(),
      changedBy: personRef,
      changedAt: z.string(),
    }),
  ),
});

export const attendanceHistoryResponse = z.object({
  items: z.array(
    z.object({
      pupilId: z.number(),
      action: z.enum(['set', 'changed', 'removed']),
      via: z.enum(['journal', 'join']),
      oldStatus: z.string().nullable(),
      oldReason: z.string().nullable(),
      newStatus: z.string().nullable(),
      newReason: z.string().nullable(),
      changedBy: personRef.nullable(),
      changedAt: z.string(),
    }),
  ),
});

// ── lessons ────────────────────────────────────────────────────────────────
export const deliveryInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('in_person') }).strict(),
  z.object({ kind: z.literal('online_live'), joinUrl: webUrl }).strict(),
  // a TV lesson: its slot in the broadcast grid (channel and air time come from it), or a channel and an air time
  z
    .object({ kind: z.literal('tv'), tvChannel: tvChannel.optional(), tvAirAt: isoDateTime.optional(), tvSlotId: z.number().int().positive().optional() })
    .strict()
    .refine((d) => d.tvSlotId !== undefined || (d.tvChannel !== undefined && d.tvAirAt !== undefined), {
      message: 'A TV lesson needs its slot (tvSlotId) or a channel and an air time',
    }),
  z.object({ kind: z.literal('recorded'), videoUrl: webUrl }).strict(),
]);
export type DeliveryInput = z.infer<typeof deliveryInput>;

export const homeworkSchema = z.object({
  id: z.number(),
  lessonId: z.number(),
  title: z.string(),
  instructions: z.string().nullable(),
  dueAt: z.string(),
  materials: z.array(materialSchema),
  videos: z.array(attachedVideo).optional(),
  /** for teachers: how many of the class have submitted and how many wait to be marked */
  submitted: z.number().nullable(),
  toMark: z.number().nullable(),
});
export type Homework = z.infer<typeof homeworkSchema>;

export const lessonDetail = z.object({
  id: z.number(),
  organisationId: z.number(),
  timeZone: z.string(),
  class: classRef,
  subject: subjectRef,
  teacher: personRef,
  termId: z.number(),
  date: z.string(),
  periodNumber: z.number().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  room: z.object({ id: z.number(), name: z.string() }).nullable(),
  delivery: deliverySchema,
  joinable: z.boolean(),
  activity: lessonActivity,
  deliverySource,
  /**
   * the rules keep this lesson online although the school's settlement has no broadband but receives
   * TV: no TV channel is planned for the subject (set one on the lesson, or the admin plans a TV slot)
   */
  tvFallback: z.boolean(),
  /** what the TV slot picker filters the day's grid by: the class's grade and the school's language of instruction */
  classGrade: z.number().nullable().optional(),
  instructionLanguage: z.string().optional(),
  topic: z.string().nullable(),
  assessment: assessmentKind,
  assessmentMax: z.number().nullable(),
  cancelled: z.boolean(),
  materials: z.array(materialSchema),
  videos: z.array(attachedVideo).optional(),
  homework: z.array(homeworkSchema),
  canEdit: z.boolean(),
});
export type LessonDetail = z.infer<typeof lessonDetail>;

export const lessonPatch = z
  .object({
    topic: optionalText(300),
    /** setting a delivery makes it the teacher's: the learning format no longer changes it */
    delivery: deliveryInput.optional(),
    /** 'format': hand the delivery back to the learning format (applied at once); 'teacher': keep the current one */
    deliverySource: deliverySource.optional(),
    activity: lessonActivity.optional(),
    /** the meaning of this lesson's journal column; summatives need assessmentMax */
    assessment: assessmentKind.optional(),
    assessmentMax: z.number().int().min(1).max(100).nullable().optional(),
    cancelled: z.boolean().optional(),
    roomId: id.nullable().optional(),
  })
  .strict()
  .refine((p) => !(p.delivery && p.deliverySource === 'format'), {
    path: ['deliverySource'],
    message: 'a delivery chosen here is the teacher\'s: send either delivery or deliverySource "format"',
  });

export const lessonCreate = z
  .object({
    classId: id,
    subjectId: id,
    date: isoDate,
    periodNumber: z.number().int().min(0).max(12),
    topic: optionalText(300),
    /** absent: the learning format decides (and keeps deciding) */
    delivery: deliveryInput.optional(),
    /** default: 'lesson' (school), 'lecture' (college, university) */
    activity: lessonActivity.optional(),
    roomId: id.nullable().optional(),
  })
  .strict();

export const materialInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('link'), title: text(200), url: webUrl }).strict(),
  z.object({ kind: z.literal('file'), title: text(200).optional(), fileId: z.uuid() }).strict(),
]);

export const joinResponse = z.object({
  url: z.string(),
  /** present or late, recorded for a pupil; null for anyone else (teachers, parents watching along) */
  attendance: attendanceStatus.nullable(),
});

/** The class lessons a TV slot serves, among the classes the reader may see (issue 10: the slot's side). */
export const tvLessonsQuery = z.object({ date: isoDate }).strict();
export const tvLessonsResponse = z.object({
  date: z.string(),
  items: z.array(
    z.object({
      slotId: z.number(),
      lessonId: z.number(),
      classId: z.number(),
      className: z.string(),
      subject: z.object({ kk: z.string(), ru: z.string(), en: z.string() }),
    }),
  ),
});

export const teacherLessonsQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict();
export const teacherLessonsResponse = z.object({
  from: z.string(),
  to: z.string(),
  lessons: z.array(
    z.object({
      id: z.number(),
      date: z.string(),
      periodNumber: z.number().nullable(),
      startsAt: z.string(),
      endsAt: z.string(),
      class: classRef,
      subject: subjectRef,
      delivery: deliveryKind,
      activity: lessonActivity,
      deliverySource,
      topic: z.string().nullable(),
      cancelled: z.boolean(),
      homeworkCount: z.number(),
      timeZone: z.string(),
    }),
  ),
});

export const teachingResponse = z.object({
  items: z.array(
    z.object({
      class: classRef.extend({ organisationId: z.number(), grade: z.number().nullable(), pupilCount: z.number() }),
      subject: subjectRef,
      courseId: z.number().nullable(),
      currentTermId: z.number().nullable(),
      /** submissions waiting to be marked in this class and subject */
      toMark: z.number(),
    }),
  ),
  homeroomClasses: z.array(classRef.extend({ organisationId: z.number() })),
});

// ── homework and submissions ───────────────────────────────────────────────
export const homeworkCreate = z
  .object({
    title: text(200),
    instructions: optionalText(5000),
    dueAt: isoDateTime,
    materials: z.array(materialInput).max(10).default([]),
  })
  .strict();

export const homeworkPatch = z
  .object({
    title: text(200).optional(),
    instructions: optionalText(5000),
    dueAt: isoDateTime.optional(),
  })
  .strict();

/** Text, files, or both; resubmitting replaces the previous attempt until the work is marked. */
export const submissionCreate = z
  .object({
    text: optionalText(20_000),
    fileIds: z.array(z.uuid()).max(10).default([]),
  })
  .strict();

export const submissionSchema = z.object({
  id: z.number(),
  homeworkId: z.number(),
  pupil: personRef,
  status: z.enum(['submitted', 'marked']),
  late: z.boolean(),
  attempts: z.number(),
  firstSubmittedAt: z.string(),
  submittedAt: z.string(),
  text: z.string().nullable(),
  files: z.array(storedFileSchema),
  mark: markValue.extend({ comment: z.string().nullable() }).nullable(),
});
export type Submission = z.infer<typeof submissionSchema>;

export const homeworkView = z.object({
  homework: homeworkSchema,
  lesson: z.object({ id: z.number(), date: z.string(), class: classRef, subject: subjectRef, timeZone: z.string() }),
  /** a pupil's own (or a parent's child's) submission; null for teachers */
  mySubmission: submissionSchema.nullable(),
  /** teachers and readers of the class: every pupil with their submission, if any */
  pupils: z.array(z.object({ pupil: personRef, submission: submissionBrief.nullable() })).nullable(),
  canSubmit: z.boolean(),
  canEdit: z.boolean(),
});

export const submissionMarkBody = z.object({ score: z.number(), comment: optionalText(1000) }).strict();

export const inboxQuery = z
  .object({
    classId: id.optional(),
    subjectId: id.optional(),
    /** one homework's work only */
    homeworkId: id.optional(),
    /** 'waiting': not yet marked (default); 'all': marked work too */
    state: z.enum(['waiting', 'all']).default('waiting'),
    /** the page size */
    limit: z.coerce.number().int().min(1).max(200).default(50),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
  })
  .strict();

export const inboxResponse = z.object({
  total: z.number(),
  page: z.number().optional(),
  pageSize: z.number().optional(),
  /** the homework with work in the chosen classes and state, newest first (for a filter), at most 100 */
  homeworks: z.array(z.object({ id: z.number(), title: z.string(), class: classRef, count: z.number() })).optional(),
  items: z.array(
    z.object({
      submissionId: z.number(),
      homework: z.object({ id: z.number(), title: z.string(), dueAt: z.string(), lessonId: z.number() }),
      class: classRef,
      subject: subjectRef,
      pupil: personRef,
      submittedAt: z.string(),
      late: z.boolean(),
      attempts: z.number(),
      /** already marked (only listed with state 'all') */
      marked: z.boolean().optional(),
    }),
  ),
});

// ── homeroom teacher: class summary ───────────────────────────────────────
/** A week by default (Monday to Sunday of today); at most 31 days. */
export const classSummaryQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict();

export const classSummaryResponse = z.object({
  class: classRef.extend({ organisationId: z.number() }),
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  grading: gradingSystem,
  term: termSchema.nullable(),
  pupils: z.array(personRef),
  subjects: z.array(subjectRef),
  lessons: z.array(z.object({ id: z.number(), date: z.string(), periodNumber: z.number().nullable(), subjectId: z.number(), cancelled: z.boolean() })),
  attendance: z.array(
    z.object({
      lessonId: z.number(),
      pupilId: z.number(),
      status: attendanceStatus,
      reason: z.string().nullable(),
      online: z.boolean(),
      /** minutes in the live lesson's room (null: not measured) */
      onlineMinutes: z.number().nullable(),
    }),
  ),
  /** per pupil over the range */
  totals: z.array(attendanceCounts.extend({ pupilId: z.number() })),
  /** per pupil and subject, the term so far */
  results: z.array(z.object({ pupilId: z.number(), subjectId: z.number(), result: resultSchema })),
});
export type ClassSummary = z.infer<typeof classSummaryResponse>;

// ── announcements ─────────────────────────────────────────────────────────
export const announcementCreate = z.object({ title: text(200), body: text(5000) }).strict();
export const announcementList = z.object({ items: z.array(announcementSchema) });

// ── teaching plan, calendar, timetable (organisation admin) ───────────────
export const subjectList = z.object({ items: z.array(subjectRef) });

export const planResponse = z.object({
  /** true when the organisation has its own plan; otherwise the national plan is shown */
  own: z.boolean(),
  items: z.array(z.object({ grade: z.number(), subject: subjectRef, hoursPerWeek: z.number() })),
});
export const planBody = z
  .object({
    items: z
      .array(
        z
          .object({
            grade: z.number().int().min(0).max(12),
            subjectId: id,
            hoursPerWeek: z.number().positive().max(20),
          })
          .strict(),
      )
      .max(600),
  })
  .strict();

export const assignmentSchema = z.object({
  id: z.number(),
  teacher: personRef,
  class: classRef,
  subject: subjectRef,
  courseId: z.number().nullable(),
});
export const assignmentList = z.object({ items: z.array(assignmentSchema) });
export const assignmentCreate = z.object({ teacherId: id, classId: id, subjectId: id }).strict();

export const courseCreate = z
  .object({
    subjectId: id,
    code: text(40),
    title: optionalText(200),
    credits: z.number().int().min(1).max(30).nullable().optional(),
    teacherId: id,
    classIds: z.array(id).min(1).max(30),
  })
  .strict();
export const courseResponse = z.object({ id: z.number(), code: z.string(), assignments: z.array(assignmentSchema) });

export const holidaySchema = z.object({
  id: z.number(),
  organisationId: z.number().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  name: localisedName,
});
export const calendarResponse = z.object({ terms: z.array(termSchema), holidays: z.array(holidaySchema) });
export const termCreate = z
  .object({
    academicYearId: id,
    number: z.number().int().min(1).max(4),
    startsOn: isoDate,
    endsOn: isoDate,
  })
  .strict();
export const holidayCreate = z
  .object({
    startsOn: isoDate,
    endsOn: isoDate,
    name: z.object({ kk: text(200), ru: text(200), en: text(200) }).strict(),
  })
  .strict();

export const periodSchema = z.object({ shift: z.number(), number: z.number(), startsAt: z.string(), endsAt: z.string() });
export const periodList = z.object({ timeZone: z.string(), items: z.array(periodSchema) });
export const periodsBody = z
  .object({
    shift: z.number().int().min(1).max(3),
    periods: z
      .array(z.object({ number: z.number().int().min(0).max(12), startsAt: clockTime, endsAt: clockTime }).strict())
      .min(1)
      .max(13),
  })
  .strict();

export const timetableQuery = z.object({ termId: id.optional() }).strict();
/** How a weekly lesson is usually held: a standing online room, or a TV channel at the lesson's time. */
export const slotDeliveryInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('in_person') }).strict(),
  z.object({ kind: z.literal('online_live'), joinUrl: webUrl }).strict(),
  z.object({ kind: z.literal('tv'), tvChannel }).strict(),
]);
export const slotSchema = z.object({
  id: z.number(),
  termId: z.number(),
  weekday: z.number(),
  periodNumber: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
  subject: subjectRef,
  teacher: personRef,
  room: z.object({ id: z.number(), name: z.string() }).nullable(),
  delivery: z.object({ kind: z.enum(['in_person', 'online_live', 'tv']), joinUrl: z.string().nullable(), tvChannel: tvChannel.nullable() }),
  activity: lessonActivity,
  courseId: z.number().nullable(),
});
export const timetableResponse = z.object({ class: classRef, term: termSchema.nullable(), slots: z.array(slotSchema) });
export const slotCreate = z
  .object({
    termId: id,
    weekday: z.number().int().min(1).max(7),
    periodNumber: z.number().int().min(0).max(12),
    subjectId: id,
    /** optional when exactly one teacher is assigned to the class and subject */
    teacherId: id.optional(),
    roomId: id.nullable().optional(),
    /**
     * How the weekly lesson is held when the class learns remotely (the learning format decides when):
     * its standing link, or its TV channel; 'in_person': a generated online room.
     */
    delivery: slotDeliveryInput.default({ kind: 'in_person' }),
    /** default: 'lesson' (school), 'lecture' (college, university); labs and practice stay on site under 'combined' */
    activity: lessonActivity.optional(),
  })
  .strict();

export const generateBody = z
  .object({
    classIds: z.array(id).max(500).optional(),
    /** generate from this day on (e.g. today, mid-term); default: the term's first day */
    from: isoDate.optional(),
  })
  .strict();
export const generateResponse = z.object({ created: z.number(), schoolDays: z.number() });
/** What a generation would do; existing lessons are never changed, so nothing recorded is lost. */
export const generatePreview = generateResponse.extend({ existing: z.number(), existingWithRecords: z.number() });
export const slotCheckResponse = z.object({ ok: z.literal(true) });
export const slotMove = z
  .object({
    weekday: z.number().int().min(1).max(7),
    periodNumber: z.number().int().min(0).max(12),
    /** absent: keep the room; null: no room */
    roomId: id.nullable().optional(),
    dryRun: z.boolean().default(false),
  })
  .strict();
export const slotMoveResponse = z.object({ slot: slotSchema.nullable(), lessonsRemoved: z.number(), dryRun: z.boolean() });
export const organisationTimetable = z.object({
  /** the organisation's school day now (its time zone; the demo's pinned calendar) */
  today: z.string(),
  term: termSchema.nullable(),
  terms: z.array(termSchema),
  slots: z.array(slotSchema.extend({ shift: z.number(), class: classRef })),
});
export const organisationTimetableQuery = z.object({ termId: id.optional() }).strict();
export const roomList = z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), capacity: z.number().nullable() })) });

export const settingsSchema = z
  .object({
    /** null: by organisation kind (universities credit, others criteria) */
    gradingSystem: gradingSystem.nullable(),
    acceptLateSubmissions: z.boolean(),
    joinEarlyMinutes: z.number().int().min(0).max(120),
    lateAfterMinutes: z.number().int().min(0).max(120),
    formativeMax: z.number().int().min(1).max(100),
    weights: z.object({ formative: z.number().min(0).max(100), section: z.number().min(0).max(100), term: z.number().min(0).max(100) }).strict(),
    termGradeBands: z
      .array(z.object({ grade: z.number().int().min(1).max(12), min: z.number().min(0).max(100) }).strict())
      .min(1)
      .max(12),
    creditWeights: z.object({ rating: z.number().min(0).max(100), exam: z.number().min(0).max(100) }).strict(),
    letterGrades: z
      .array(z.object({ letter: z.string().trim().min(1).max(3), min: z.number().min(0).max(100), gpa: z.number().min(0).max(5) }).strict())
      .min(1)
      .max(20),
  })
  .strict();
export type SettingsBody = z.infer<typeof settingsSchema>;
export const settingsResponse = settingsSchema.extend({
  /** the system in effect for this organisation */
  effectiveGradingSystem: gradingSystem,
  /** false: the national defaults apply */
  own: z.boolean(),
});

// ── courses (colleges, universities): list, read, edit title and credits ────
export const courseSchema = z.object({
  id: z.number(),
  organisationId: z.number(),
  code: z.string(),
  title: z.string().nullable(),
  /** used for the GPA; null: not counted */
  credits: z.number().nullable(),
  subject: subjectRef,
  groups: z.array(classRef),
  teachers: z.array(personRef),
});
export type Course = z.infer<typeof courseSchema>;
export const courseList = z.object({ items: z.array(courseSchema) });
export const courseUpdate = z
  .object({
    title: optionalText(200),
    credits: z.number().int().min(1).max(30).nullable().optional(),
  })
  .strict()
  .refine((b) => b.title !== undefined || b.credits !== undefined, { message: 'Nothing to change' });

// ── printable papers (PDF) and the marks export (CSV/XLSX) ─────────────────
const paperLanguage = z.enum(['kk', 'ru', 'en']);
/** A pupil's diary week as a PDF: the week holding `from` (Monday to Sunday; default this week). */
export const diaryPdfQuery = z.object({ from: isoDate.optional(), lang: paperLanguage.optional() }).strict();
/** A pupil's report card for a term (default the current one). */
export const reportPdfQuery = z.object({ termId: id.optional(), lang: paperLanguage.optional() }).strict();
/** A class journal page: one subject, one calendar month (default this month). */
export const journalPdfQuery = z
  .object({
    classId: id,
    subjectId: id,
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
      .optional(),
    lang: paperLanguage.optional(),
  })
  .strict();
/** Every mark of a class in a term (default the current one), one row per mark; a subject only with `subjectId`. */
export const marksExportQuery = z
  .object({
    format: z.enum(['csv', 'xlsx']).default('csv'),
    termId: id.optional(),
    subjectId: id.optional(),
    lang: paperLanguage.optional(),
  })
  .strict();
