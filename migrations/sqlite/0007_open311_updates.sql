-- The Open311 updates extension. A key bound to a department is that department's back office:
-- it pushes status changes and public messages of the department's reports, and the timeline
-- records which key made them.
alter table api_keys add column department_id integer references departments (id);
alter table report_events add column api_key_id integer references api_keys (id);
