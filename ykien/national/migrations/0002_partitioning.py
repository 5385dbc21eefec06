"""On PostgreSQL, the ballot, history and comment tables become declaratively partitioned parents
(``ykien.national.partitions``: LIST by draft, with a DEFAULT partition); SQLite keeps the plain
tables of 0001. The tables are empty at this point (created by 0001)."""

from __future__ import annotations

from django.db import migrations

CREATE = """
DROP TABLE national_ballot;
CREATE SEQUENCE national_ballot_id_seq;
CREATE TABLE national_ballot (
    id bigint NOT NULL DEFAULT nextval('national_ballot_id_seq'),
    draft_id bigint NOT NULL,
    subject_hash varchar(64) NOT NULL,
    province varchar(2) NOT NULL,
    age_band varchar(5) NOT NULL,
    sex varchar(6) NOT NULL,
    overall smallint NOT NULL CHECK (overall >= 0),
    stances bytea NOT NULL,
    revision integer NOT NULL CHECK (revision >= 0),
    first_at timestamp with time zone NOT NULL,
    submitted_at timestamp with time zone NOT NULL,
    CONSTRAINT national_ballot_pkey PRIMARY KEY (draft_id, subject_hash)
) PARTITION BY LIST (draft_id);
ALTER SEQUENCE national_ballot_id_seq OWNED BY national_ballot.id;
CREATE TABLE national_ballot_default PARTITION OF national_ballot DEFAULT;

DROP TABLE national_ballothistory;
CREATE SEQUENCE national_ballothistory_id_seq;
CREATE TABLE national_ballothistory (
    id bigint NOT NULL DEFAULT nextval('national_ballothistory_id_seq'),
    draft_id bigint NOT NULL,
    ballot_id bigint NOT NULL,
    subject_hash varchar(64) NOT NULL,
    province varchar(2) NOT NULL,
    age_band varchar(5) NOT NULL,
    sex varchar(6) NOT NULL,
    overall smallint NOT NULL CHECK (overall >= 0),
    stances bytea NOT NULL,
    comments jsonb NOT NULL,
    revision integer NOT NULL CHECK (revision >= 0),
    submitted_at timestamp with time zone NOT NULL,
    replaced_at timestamp with time zone NOT NULL,
    CONSTRAINT national_ballothistory_pkey PRIMARY KEY (draft_id, id)
) PARTITION BY LIST (draft_id);
ALTER SEQUENCE national_ballothistory_id_seq OWNED BY national_ballothistory.id;
CREATE INDEX ballot_hist_subject ON national_ballothistory (draft_id, subject_hash);
CREATE TABLE national_ballothistory_default PARTITION OF national_ballothistory DEFAULT;

DROP TABLE national_ballotcomment;
CREATE SEQUENCE national_ballotcomment_id_seq;
CREATE TABLE national_ballotcomment (
    id bigint NOT NULL DEFAULT nextval('national_ballotcomment_id_seq'),
    draft_id bigint NOT NULL,
    ballot_id bigint NOT NULL,
    article varchar(40) NOT NULL,
    text text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT national_ballotcomment_pkey PRIMARY KEY (draft_id, id)
) PARTITION BY LIST (draft_id);
ALTER SEQUENCE national_ballotcomment_id_seq OWNED BY national_ballotcomment.id;
CREATE INDEX ballot_comment_ballot ON national_ballotcomment (draft_id, ballot_id);
CREATE INDEX ballot_comment_article ON national_ballotcomment (draft_id, article);
CREATE TABLE national_ballotcomment_default PARTITION OF national_ballotcomment DEFAULT;
"""


def partition(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in CREATE.split(";\n"):
        if statement.strip():
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("national", "0001_initial")]

    operations = [migrations.RunPython(partition, migrations.RunPython.noop)]
