-- Class hours (issue 10, item 5): a class's meeting invites its parents (a parent meeting, as before)
-- or its pupils (a class hour: "Cyberculture", "How to study at home?").
alter table live_meetings add column audience text not null default 'parents' check (audience in ('parents', 'pupils'));
