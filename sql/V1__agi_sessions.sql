-- One row per FastAGI session: one script run by Asterisk on one channel.
-- Written when the session starts and completed when it ends; both writes are
-- replay-safe (AgiSessionRepository), so the journal can drain into it twice.
-- All DATETIME values are UTC: the application converts explicitly, so neither
-- the server's nor the JVM's time zone matters.
-- utf8mb4_unicode_ci rather than the server default: it exists on MariaDB 10.x and 11.x alike.
CREATE TABLE agi_session (
    id                CHAR(36)     NOT NULL COMMENT 'UUID made by afterhours at session start; the replay key',
    asterisk_uniqueid VARCHAR(64)  NOT NULL COMMENT 'agi_uniqueid: the Asterisk channel id, to match CDRs and AMI events',
    script            VARCHAR(255) NOT NULL COMMENT 'agi_network_script: path and query of the agi:// URL',
    channel           VARCHAR(255) NULL     COMMENT 'agi_channel, e.g. PJSIP/trunk-00000012',
    caller_id_number  VARCHAR(80)  NULL     COMMENT 'agi_callerid as sent by the caller: untrusted, cut to fit',
    caller_id_name    VARCHAR(80)  NULL     COMMENT 'agi_calleridname as sent by the caller: untrusted, cut to fit',
    dnid              VARCHAR(80)  NULL     COMMENT 'agi_dnid: the number the caller dialled, i.e. which line',
    remote_address    VARCHAR(64)  NULL     COMMENT 'address of the Asterisk that opened the FastAGI socket',
    started_at        DATETIME(3)  NOT NULL COMMENT 'UTC: when the session was accepted',
    ended_at          DATETIME(3)  NULL     COMMENT 'UTC: when the session ended; NULL while running or if the node died',
    outcome           VARCHAR(32)  NULL     COMMENT 'how it ended, a short code chosen by the call flow',
    outcome_detail    VARCHAR(255) NULL     COMMENT 'free text explaining the outcome, e.g. an error message',
    PRIMARY KEY (id),
    KEY idx_agi_session_started_at (started_at),
    KEY idx_agi_session_asterisk_uniqueid (asterisk_uniqueid)
) ENGINE = InnoDB
  DEFAULT CHARSET = utf8mb4
  COLLATE = utf8mb4_unicode_ci
  COMMENT = 'FastAGI sessions, one row each';
