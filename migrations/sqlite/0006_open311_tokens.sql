-- Open311 tokens: `POST requests` answers with the new request's id and a token, and
-- `GET tokens/{token}` resolves the token to the id. Reports from other channels have none.
alter table reports add column open311_token text;
create unique index reports_by_open311_token on reports (open311_token);
