import { createHmac } from 'node:crypto';
/** Pure decisions about live rooms (tested without a database or a media server). */

/** A teacher may open the room this long before the lesson starts. */
export const OPEN_EARLY_MINUTES = 30;
/** A room stays open this long after the lesson or meeting ends, then it is destroyed. */
export const CLOSE_GRACE_MINUTES = 15;

const MINUTE = 60_000;

/** Can a room for something running from `startsAt` to `endsAt` be opened at `now`? */
export function openWindow(now: Date, startsAt: Date, endsAt: Date): 'early' | 'open' | 'over' {
  if (now.getTime() < startsAt.getTime() - OPEN_EARLY_MINUTES * MINUTE) return 'early';
  if (now.getTime() >= endsAt.getTime()) return 'over';
  return 'open';
}

export function closesAt(endsAt: Date): Date {
  return new Date(endsAt.getTime() + CLOSE_GRACE_MINUTES * MINUTE);
}

/** How many may publish at once: the host, a shared screen, and a few pupils or parents given the floor. */
export function publishersFor(kind: 'lesson' | 'meeting'): number {
  return kind === 'lesson' ? 4 : 8;
}

/** A ticket's tokens are good until the room closes or the configured span ends, whichever is first. */
export function ticketExpiry(now: Date, roomClosesAt: Date, minutes: number): Date {
  return new Date(Math.min(roomClosesAt.getTime(), now.getTime() + minutes * MINUTE));
}

/**
 * Time-limited TURN credentials as coturn checks them with `use-auth-secret` (the "TURN REST API"):
 * the user name is the expiry in Unix seconds and a label, the password the base64 HMAC-SHA1 of it.
 */
export function turnCredentials(secret: string, expiresAt: Date, label: string): { username: string; credential: string } {
  const username = `${Math.floor(expiresAt.getTime() / 1000)}:${label}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}
