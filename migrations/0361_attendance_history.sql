-- Attendance history (learning, issue 8 §2): every change to a pupil's attendance of a lesson, with
-- who made it and when, like mark_history. Written by the same transaction as the change.
create table attendance_history (
  id          bigint generated always as identity primary key,
  lesson_id   bigint not null references lessons(id),
  pupil_id    bigint not null references persons(id),
  action      text not null check (action in ('set', 'changed', 'removed')),
  old_status  text,
  old_reason  text,
  new_status  text,
  new_reason  text,
  via         text not null check (via in ('journal', 'join')),   -- the teacher's journal, or the pupil's join link
  changed_by  bigint references persons(id),
  changed_at  timestamptz not null default now()
);
create index attendance_history_lesson_idx on attendance_history (lesson_id, changed_at);
create index attendance_history_pupil_idx on attendance_history (pupil_id);
