import type { Db, Queryable } from '../../platform/db.js';
import type { Actor } from '../identity/identity.actor.js';
import { notify } from '../notifications/notifications.usecases.js';
import * as repo from './messages.repository.js';
import { announcementForbidden, notARecipient, organisationNotFound, pupilNotFound, threadNotFound } from './messages.errors.js';
import { announcementOrganisations, canAnnounce, sideFor, staffClassIds } from './messages.policy.js';

async function sideOf(db: Queryable, actor: Actor, pupilId: number) {
  const teaches = !actor.childIds.includes(pupilId) && (await repo.pupilInClasses(db, pupilId, staffClassIds(actor)));
  const side = sideFor(actor, pupilId, teaches);
  if (!side) throw pupilNotFound();
  return side;
}

/** Whom the actor may write to about a child (404 when the child is neither theirs nor their pupil). */
export async function contactsFor(db: Queryable, actor: Actor, pupilId: number) {
  return repo.contacts(db, pupilId, await sideOf(db, actor, pupilId));
}

/** Starts a conversation about a child with one of its allowed recipients; the recipient is notified. */
export async function startThread(args: {
  db: Db;
  actor: Actor;
  pupilId: number;
  recipientId: number;
  subject: string;
  body: string;
  now: Date;
}): Promise<number> {
  const { actor, now } = args;
  return args.db.transaction(async (tx) => {
    const side = await sideOf(tx, actor, args.pupilId);
    const allowed = await repo.contacts(tx, args.pupilId, side);
    if (!allowed.some((c) => c.id === args.recipientId) || args.recipientId === actor.personId) throw notARecipient();
    const organisationId = await repo.pupilOrganisation(tx, args.pupilId);
    if (organisationId === null) throw pupilNotFound();
    const id = await repo.insertThread(tx, {
      organisationId,
      pupilId: args.pupilId,
      subject: args.subject,
      createdBy: actor.personId,
      participants: [actor.personId, args.recipientId],
      now,
    });
    await repo.insertMessage(tx, id, actor.personId, args.body, now);
    await notify(tx, [{ personId: args.recipientId, kind: 'message', params: { threadId: id, subject: args.subject, authorId: actor.personId } }], now);
    return id;
  });
}

/** Adds a message to a conversation the actor is part of; the other participants are notified. */
export async function reply(args: { db: Db; actor: Actor; threadId: number; body: string; now: Date }): Promise<number> {
  return args.db.transaction(async (tx) => {
    const thread = await repo.participantsIfMember(tx, args.threadId, args.actor.personId);
    if (!thread) throw threadNotFound();
    const id = await repo.insertMessage(tx, args.threadId, args.actor.personId, args.body, args.now);
    await notify(
      tx,
      thread.people
        .filter((p) => p !== args.actor.personId)
        .map((personId) => ({
          personId,
          kind: 'message',
          params: { threadId: args.threadId, subject: thread.subject, authorId: args.actor.personId },
        })),
      args.now,
    );
    return id;
  });
}

export async function listThreads(db: Queryable, actor: Actor) {
  const items = await repo.listThreads(db, actor.personId);
  return { items, unread: items.reduce((n, t) => n + t.unread, 0) };
}

export async function openThread(db: Db, actor: Actor, threadId: number, now: Date) {
  const thread = await repo.readThread(db, threadId, actor.personId, now);
  if (!thread) throw threadNotFound();
  return thread;
}

/** The organisation's admin posts an announcement to everyone in it; each is notified (their channels apply). */
export async function announce(args: { db: Db; actor: Actor; organisationId: number; title: string; body: string; now: Date }): Promise<number> {
  const { actor, now } = args;
  return args.db.transaction(async (tx) => {
    if (!(await repo.organisationExists(tx, args.organisationId))) throw organisationNotFound();
    if (!canAnnounce(actor, args.organisationId)) {
      // case: someone of the organisation learns the rule (403); anyone else sees nothing there (404)
      if (announcementOrganisations(actor).includes(args.organisationId)) throw announcementForbidden();
      throw organisationNotFound();
    }
    const id = await repo.insertAnnouncement(tx, { organisationId: args.organisationId, authorId: actor.personId, title: args.title, body: args.body, now });
    const people = (await repo.organisationPeople(tx, args.organisationId)).filter((p) => p !== actor.personId);
    await notify(
      tx,
      people.map((personId) => ({
        personId,
        kind: 'announcement',
        params: { schoolAnnouncementId: id, organisationId: args.organisationId, title: args.title },
      })),
      now,
    );
    return id;
  });
}

export async function announcementsFor(db: Queryable, actor: Actor) {
  return { items: await repo.listAnnouncements(db, announcementOrganisations(actor)) };
}
