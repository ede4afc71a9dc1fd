import { useQuery } from '@tanstack/react-query';
import { myLessonsQuery } from './api.js';
import { zoneOr } from './format.js';

/**
 * The school's time zone and today for a teacher's pages whose answers carry neither (inbox,
 * journal): both come from the teacher's lessons of today, which the home page has usually loaded.
 */
export function useTeacherClock(): { timeZone: string; today: string | null } {
  const lessons = useQuery(myLessonsQuery());
  return { timeZone: zoneOr(lessons.data?.lessons[0]?.timeZone), today: lessons.data?.from ?? null };
}
