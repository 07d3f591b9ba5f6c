-- Reliability of the call log.
-- A call's own id beside the reference number it was read: two different calls may be read the same number (a
-- node's data folder lost, its offline counter wrapped, two nodes given one node id). Both are kept, each under its
-- own id, and flagged; a replay of the same call is recognised by its id. Rows written before this migration take
-- their reference as their id, which is what the journal's older entries do too.
-- Which node and which run of it (one start of the process) took the call: a restart closes the calls a dead run
-- left open.

ALTER TABLE call_record
    ADD COLUMN call_id            VARCHAR(36) NULL COMMENT 'made when the call starts; the reference for rows from before V7' FIRST,
    ADD COLUMN node_id            VARCHAR(64) NULL COMMENT 'node that took the call' AFTER asterisk_uniqueid,
    ADD COLUMN run_id             VARCHAR(36) NULL COMMENT 'start of that node''s process that took the call' AFTER node_id,
    ADD COLUMN reference_conflict BOOLEAN     NOT NULL DEFAULT FALSE COMMENT 'another call was read the same reference number' AFTER reference;
UPDATE call_record SET call_id = reference;
ALTER TABLE call_record
    MODIFY COLUMN call_id VARCHAR(36) NOT NULL COMMENT 'made when the call starts; the reference for rows from before V7',
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (call_id),
    ADD KEY call_record_reference (reference),
    ADD KEY call_record_open (node_id, ended_at);

ALTER TABLE call_event ADD COLUMN call_id VARCHAR(36) NULL FIRST;
UPDATE call_event SET call_id = reference;
ALTER TABLE call_event
    MODIFY COLUMN call_id VARCHAR(36) NOT NULL,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (call_id, sequence),
    ADD KEY call_event_reference (reference, sequence);

ALTER TABLE call_attempt ADD COLUMN call_id VARCHAR(36) NULL FIRST;
UPDATE call_attempt SET call_id = reference;
ALTER TABLE call_attempt
    MODIFY COLUMN call_id VARCHAR(36) NOT NULL,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (call_id, leg_id),
    ADD KEY call_attempt_reference (reference);
