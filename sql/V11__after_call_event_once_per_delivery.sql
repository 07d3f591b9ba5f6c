-- A due item's history is written once: a clock's note (MESSAGE_ESCALATED, FOLLOW_UP_REMINDED, ...) and each
-- recipient's NOTICE_SENT / NOTICE_FAILED, however many times the item is retried after a failing channel. Before
-- this key a retried item wrote its note again at every attempt (up to ten). Rows without a due item (a person's
-- acknowledgement, a follow-up marked done) are not due work and stay one row per action.
-- The repeats already written are dropped first, keeping the earliest of each.
DELETE later FROM after_call_event later
    JOIN after_call_event first
      ON first.due_id = later.due_id AND first.type = later.type
     AND first.recipient <=> later.recipient AND first.channel <=> later.channel
     AND first.id < later.id
 WHERE later.due_id IS NOT NULL;

UPDATE after_call_event SET recipient = '' WHERE recipient IS NULL AND due_id IS NOT NULL;
UPDATE after_call_event SET channel = '' WHERE channel IS NULL AND due_id IS NOT NULL;

ALTER TABLE after_call_event
    ADD UNIQUE KEY after_call_event_once (due_id, type, recipient, channel);
