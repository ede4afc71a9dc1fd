import { z } from 'zod';
import { bodyId } from './common.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const person = z.object({ id: z.number(), name: z.string() });

export const threadCreate = z
  .object({
    /** the child the conversation is about */
    pupilId: bodyId,
    /** a parent: one of the child's teachers or the homeroom teacher; a teacher: one of the child's parents */
    recipientId: bodyId,
    subject: text(200),
    body: text(4000),
  })
  .strict();
export const messageCreate = z.object({ body: text(4000) }).strict();

export const threadSummary = z.object({
  id: z.number(),
  subject: z.string(),
  pupil: person,
  participants: z.array(person),
  lastMessageAt: z.string(),
  unread: z.number(),
});
export const threadList = z.object({ items: z.array(threadSummary), unread: z.number() });
export const threadView = threadSummary.extend({
  messages: z.array(z.object({ id: z.number(), author: person, body: z.string(), createdAt: z.string(), mine: z.boolean() })),
});
export const contactsQuery = z
  .object({
    pupilId: z.coerce
      .number()
      .int()
      .positive()
      .max(2 ** 31 - 1),
  })
  .strict();
export const contactList = z.object({ items: z.array(z.object({ id: z.number(), name: z.string(), role: z.enum(['teacher', 'homeroom', 'parent']) })) });

export const announcementCreate = z.object({ title: text(200), body: text(4000) }).strict();
export const schoolAnnouncement = z.object({
  id: z.number(),
  organisationId: z.number(),
  title: z.string(),
  body: z.string(),
  author: person,
  createdAt: z.string(),
});
export const schoolAnnouncementList = z.object({ items: z.array(schoolAnnouncement) });
