import type { Me } from '../identity/api.js';

/** Who starts conversations: parents (about their children) and teachers (about their pupils). */
export const canWrite = (me: Me) => me.roles.some((g) => ['parent', 'teacher', 'homeroom'].includes(g.role));
export const isStaff = (me: Me) => me.roles.some((g) => g.role === 'teacher' || g.role === 'homeroom');
export const isParent = (me: Me) => me.roles.some((g) => g.role === 'parent');
/** The organisations whose announcements this person writes (org admins). */
export const announcingOrganisations = (me: Me) =>
  me.roles.filter((g) => g.role === 'org_admin' && g.scope.organisationId !== null).map((g) => ({ id: g.scope.organisationId!, name: g.scope.name }));
