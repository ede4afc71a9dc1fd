import { z } from 'zod';
import { bodyId, idSchema } from './common.js';
import { PASS_STATUSES, REFUSAL_REASONS } from './access-pass.js';

/** Campus access: health records, status, passes, gates, scans, buildings and dormitories. */
export const passStatus = z.enum(PASS_STATUSES);
export const refusalReason = z.enum(REFUSAL_REASONS);
export const recordKind = z.enum(['vaccination', 'test', 'recovery']);
export const basis = z.enum(['vaccination', 'test', 'recovery', 'exemption']);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const isoInstant = z.string().datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);
const personRef = z.object({ id: z.number(), lastName: z.string(), firstName: z.string() });
const orgRef = z.object({ id: z.number(), name: z.object({ kk: z.string(), ru: z.string(), en: z.string() }) });

export const statusSchema = z.object({
  status: passStatus,
  basis: basis.nullable(),
  validUntil: z.string().nullable(),
  reason: z.string().nullable(),
});

export const meAccess = z.object({
  organisations: z.array(orgRef),
  consent: z.boolean(),
  status: statusSchema.nullable(),
  passValidHours: z.number(),
});

export const passResponse = z.object({
  pass: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  status: passStatus,
  organisationId: z.number(),
  holderName: z.string(),
});
export const passQuery = z.object({ organisationId: idSchema.optional() }).strict();

export const healthRecord = z.object({
  id: z.number(),
  person: personRef,
  organisationId: z.number(),
  kind: recordKind,
  occurredAt: z.string(),
  product: z.string().nullable(),
  doseNumber: z.number().nullable(),
  seriesDoses: z.number().nullable(),
  testKind: z.enum(['pcr', 'antigen']).nullable(),
  result: z.enum(['negative', 'positive']).nullable(),
  state: z.enum(['confirmed', 'reported', 'rejected']),
  source: z.string(),
  batchId: z.number().nullable(),
  reportedNote: z.string().nullable(),
  hasDocument: z.boolean(),
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const recordList = z.object({ items: z.array(healthRecord) });

/** A document up to 512 KB (base64) with the report (a certificate's photo or PDF). */
export const reportBody = z
  .object({
    organisationId: bodyId,
    kind: recordKind,
    occurredAt: z.union([isoDate, isoInstant]),
    product: text(100).optional(),
    doseNumber: z.number().int().min(1).max(10).optional(),
    seriesDoses: z.number().int().min(1).max(10).optional(),
    testKind: z.enum(['pcr', 'antigen']).optional(),
    result: z.enum(['negative', 'positive']).optional(),
    note: text(1000).optional(),
    document: z
      .object({
        name: text(200),
        type: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
        base64: z
          .string()
          .max(700_000)
          .regex(/^[A-Za-z0-9+/=]*$/),
      })
      .strict()
      .optional(),
  })
  .strict();

/** A record the health officer enters by hand for one of the organisation's people (confirmed at once). */
export const officerRecordBody = z
  .object({
    personId: bodyId,
    kind: recordKind,
    occurredAt: z.union([isoDate, isoInstant]),
    product: text(100).optional(),
    doseNumber: z.number().int().min(1).max(10).optional(),
    seriesDoses: z.number().int().min(1).max(10).optional(),
    testKind: z.enum(['pcr', 'antigen']).optional(),
    result: z.enum(['negative', 'positive']).optional(),
  })
  .strict();
export const personRecordsQuery = z.object({ personId: idSchema }).strict();

export const decisionBody = z.object({ decision: z.enum(['confirm', 'reject']), note: text(1000).optional() }).strict();

export const importBody = z
  .object({
    format: z.enum(['csv', 'fhir']),
    source: text(200),
    content: z.string().min(1).max(5_000_000),
  })
  .strict();
export const importResult = z.object({ batchId: z.number(), imported: z.number(), people: z.number(), statusChanges: z.number() });
export const batchList = z.object({
  items: z.array(z.object({ id: z.number(), format: z.string(), source: z.string(), recordCount: z.number(), importedBy: personRef, importedAt: z.string() })),
});
export const reportsQuery = z.object({ state: z.enum(['reported', 'confirmed', 'rejected']).default('reported') }).strict();

export const exemption = z.object({
  id: z.number(),
  person: personRef,
  reason: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  approvedBy: personRef,
  approvedAt: z.string(),
  revokedAt: z.string().nullable(),
});
export const exemptionList = z.object({ items: z.array(exemption) });
export const exemptionBody = z.object({ personId: bodyId, reason: text(500), validFrom: isoDate, validUntil: isoDate }).strict();

export const overview = z.object({
  counts: z.object({ admitted: z.number(), not_admitted: z.number(), no_data: z.number() }),
  people: z.array(z.object({ person: personRef, status: passStatus, validUntil: z.string().nullable() })),
});

export const ruleParams = z
  .object({
    fullVaccinationAfterDays: z.number().int().min(0).max(365),
    vaccinationValidDays: z.number().int().min(1).max(3650).nullable(),
    pcrValidHours: z.number().int().min(0).max(720),
    antigenValidHours: z.number().int().min(0).max(720),
    recoveryValidDays: z.number().int().min(0).max(3650),
    isolationDays: z.number().int().min(0).max(60),
    passValidHours: z.number().int().min(1).max(168),
    /** °C at or above which the gate refuses entry (older rule sets without it use the default, 37.5) */
    feverThresholdC: z.number().min(35).max(42).optional(),
  })
  .strict();
export const ruleSet = z.object({
  id: z.number().nullable(),
  regionId: z.number().nullable(),
  version: z.number(),
  params: ruleParams,
  publishedAt: z.string().nullable(),
  inherited: z.boolean(),
});
export const rulesQuery = z.object({ regionId: idSchema.optional() }).strict();
export const rulesBody = z.object({ regionId: bodyId.nullable(), params: ruleParams }).strict();
export const rulesPreview = z.object({ people: z.number(), changes: z.number(), toAdmitted: z.number(), toNotAdmitted: z.number() });

export const trustJwk = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string(),
  y: z.string(),
  kid: z.string(),
  alg: z.literal('ES256'),
  use: z.literal('sig'),
  organisationId: z.number(),
});
export const trustList = z.object({ keys: z.array(trustJwk) });
export const revocationList = z.object({ keys: z.array(z.string()), holders: z.array(z.string()), generatedAt: z.string() });

/** °C measured at the gate (optional: a gate with a thermometer) */
export const temperatureC = z.number().min(30).max(45);
export const verifyBody = z.object({ pass: z.string().max(4096), gateId: bodyId.optional(), temperatureC: temperatureC.optional() }).strict();
export const verifyResult = z.object({ admit: z.boolean(), reason: refusalReason.nullable(), holderName: z.string().nullable() });

export const gate = z.object({ id: z.number(), name: z.string(), buildingId: z.number(), buildingName: z.string(), organisationId: z.number() });
export const guardSetup = z.object({
  gates: z.array(gate),
  /** the fever threshold per organisation of the guard (from the rules of its region) */
  feverThresholds: z.array(z.object({ organisationId: z.number(), feverThresholdC: z.number() })),
});
export const scanItem = z
  .object({
    clientId: z.string().uuid(),
    gateId: bodyId,
    direction: z.enum(['in', 'out']),
    result: z.enum(['admitted', 'refused']),
    reason: refusalReason.nullable(),
    holder: z.string().max(64).nullable(),
    replay: z.boolean(),
    scannedAt: isoInstant,
    temperatureC: temperatureC.optional(),
  })
  .strict();
export const scansBody = z.object({ scans: z.array(scanItem).min(1).max(1000) }).strict();
export const scansResult = z.object({ accepted: z.number(), duplicates: z.number() });

export const building = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.string(),
  capacity: z.number(),
  inside: z.number(),
  gates: z.array(z.object({ id: z.number(), name: z.string() })),
  rooms: z.number(),
  residents: z.number(),
});
export const buildingList = z.object({ items: z.array(building) });
export const buildingBody = z
  .object({
    name: text(200),
    kind: z.enum(['academic', 'dormitory', 'laboratory', 'library', 'sports', 'other']),
    capacity: z.number().int().min(1).max(100_000),
  })
  .strict();
export const gateBody = z.object({ name: text(200) }).strict();
export const roomBody = z.object({ number: text(20), beds: z.number().int().min(1).max(20) }).strict();
export const roomList = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      number: z.string(),
      beds: z.number(),
      residents: z.array(z.object({ id: z.number(), person: personRef, fromDate: z.string(), status: passStatus.nullable() })),
    }),
  ),
});
export const residentBody = z.object({ personId: bodyId, fromDate: isoDate }).strict();
export const entranceLog = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      gateId: z.number(),
      gateName: z.string(),
      direction: z.string(),
      result: z.string(),
      reason: z.string().nullable(),
      replay: z.boolean(),
      scannedAt: z.string(),
      guard: personRef,
    }),
  ),
});
export const entranceQuery = z.object({ gateId: idSchema.optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();
export const occupancy = z.object({ items: z.array(z.object({ buildingId: z.number(), name: z.string(), capacity: z.number(), inside: z.number() })) });

export const signingKey = z.object({
  id: z.number(),
  kid: z.string(),
  createdAt: z.string(),
  retiredAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const keyList = z.object({ items: z.array(signingKey) });
export const revokeBody = z.object({ reason: text(500) }).strict();
export const revokeHolderBody = z.object({ personId: bodyId, reason: text(500) }).strict();
export const okResponse = z.object({ ok: z.literal(true) });
export const personIdParam = z.object({ id: idSchema }).strict();

// ── gate photos (decision 0030) ──
/** A photo set for the gate: a file of the files module (JPEG, PNG or WebP up to 128 KB) that the setter uploaded. */
export const photoBody = z.object({ fileId: z.string().uuid() }).strict();
export const adminPhotoBody = z.object({ personId: bodyId, fileId: z.string().uuid() }).strict();
export const photoState = z.object({ hasPhoto: z.boolean(), hash: z.string().nullable(), setAt: z.string().nullable() });
/** What a guard's phone syncs: the holders of its organisations with a photo, and the photo's hash. */
export const guardPhotoList = z.object({ items: z.array(z.object({ holder: z.string(), hash: z.string() })), generatedAt: z.string() });
export const holderParam = z.object({ holder: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }).strict();
/** The organisation's people by name (the admin: residents, photos); no health data. */
export const peopleQuery = z.object({ q: z.string().trim().max(100).optional() }).strict();
export const peopleList = z.object({ items: z.array(z.object({ person: personRef, hasPhoto: z.boolean() })) });
export const feverList = z.object({
  items: z.array(
    z.object({ id: z.number(), person: personRef.nullable(), gateName: z.string(), temperatureC: z.number(), thresholdC: z.number(), measuredAt: z.string() }),
  ),
});
