-- The analytics rollup refresh (decision 0017, server/modules/analytics/analytics.refresh.ts) counts
-- each dirty class day's marks by (class, date), as it already counts its lessons and attendance
-- (lessons_class_date_idx, attendance_class_date_idx). Marks had no such index: a refresh scanned
-- every mark of the term (5 M in the country dataset's one week) per batch, or every mark of the class.
-- Built on every partition (decision 0027).
create index marks_class_date_idx on marks (class_id, on_date);
