-- Photo files written but not yet attached to a draft or a report. A row is inserted (and
-- committed) before the file is written and deleted in the same transaction that attaches the
-- photo; rows left behind by a crash or a dropped connection name files that nobody refers to,
-- and a background job removes them after an hour.
create table photo_uploads (
    storage_key text primary key,
    created_at bigint not null
);
create index photo_uploads_by_age on photo_uploads (created_at);
