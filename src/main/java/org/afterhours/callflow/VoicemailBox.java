package org.afterhours.callflow;

import java.util.Optional;
import org.afterhours.agi.AgiChannel;
import org.afterhours.agi.Recording;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.CallRecorder;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.oncall.Line;

/**
 * Takes a message: beep, record until '#', silence or the maximum length, then "1 to keep, 2 to record again".
 * A message is never lost to a hang-up: a caller who hangs up after speaking (the usual way to end a message) has
 * left it, and it is kept. Every kept message is marked as owed a technician's response and announced.
 */
final class VoicemailBox {
    private static final int SAMPLES_PER_MILLISECOND = 8; // RECORD FILE reports 8 kHz samples
    private static final int MAX_TAKES = 3;

    private final AgiChannel channel;
    private final CallerPrompts prompts;
    private final KeypadMenu menu;
    private final CallRecorder record;
    private final FlowSettings settings;
    private final VoicemailAlerts alerts;

    VoicemailBox(AgiChannel channel, CallerPrompts prompts, KeypadMenu menu, CallRecorder record,
                 FlowSettings settings, VoicemailAlerts alerts) {
        this.channel = channel;
        this.prompts = prompts;
        this.menu = menu;
        this.record = record;
        this.settings = settings;
        this.alerts = alerts;
    }

    /**
     * Plays {@code invitation} (which ends with "after the tone") and records.
     *
     * @return whether a message was kept
     */
    boolean takeMessage(Line line, String invitation, boolean urgent) {
        prompts.play(invitation);
        for (int take = 1; take <= MAX_TAKES; take++) {
            String path = settings.recordingDirectory() + "/" + record.fileName() + "-" + take;
            Recording recording = channel.recordFile(path, settings.recordingFormat(), "#",
                    settings.voicemailMaxLength().toMillis(), true, (int) settings.voicemailSilence().toSeconds());
            long millis = Math.max(0, recording.endpos()) / SAMPLES_PER_MILLISECOND;
            if (millis == 0) {
                record.record(CallEventType.VOICEMAIL_DISCARDED, "path", path, "reason", "nothing heard");
                if (take < MAX_TAKES) {
                    prompts.play(Prompts.NO_MESSAGE_HEARD);
                    prompts.play(Prompts.LEAVE_MESSAGE);
                }
                continue;
            }
            record.record(CallEventType.VOICEMAIL_RECORDED, "path", path, "format", settings.recordingFormat(),
                    "durationMillis", Long.toString(millis), "endedBy", recording.endReason());
            if ("hangup".equals(recording.endReason()) || take == MAX_TAKES || keepWithoutAsking(recording)) {
                keep(line, path, millis, urgent);
                return true;
            }
            Optional<Character> choice = menu.ask("message-review", Prompts.MESSAGE_REVIEW, "12");
            if (choice.isEmpty() || choice.get() == '1') {
                keep(line, path, millis, urgent); // no answer keeps the message: never lose what was said
                return true;
            }
            record.record(CallEventType.VOICEMAIL_DISCARDED, "path", path, "reason", "caller records again");
            prompts.play(Prompts.LEAVE_MESSAGE);
        }
        return false;
    }

    /** A failed recording (result -1 without a hang-up) cannot be reviewed; keep what Asterisk wrote. */
    private static boolean keepWithoutAsking(Recording recording) {
        return recording.failed();
    }

    private void keep(Line line, String path, long millis, boolean urgent) {
        record.record(CallEventType.VOICEMAIL_KEPT, "path", path, "format", settings.recordingFormat(),
                "durationMillis", Long.toString(millis), "urgent", Boolean.toString(urgent));
        alerts.voicemailLeft(record.reference(), line, path, urgent);
    }

    ReferenceNumber reference() {
        return record.reference();
    }
}
