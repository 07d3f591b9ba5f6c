package org.afterhours.callflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.afterhours.agi.AgiChannel;
import org.afterhours.agi.Recording;
import org.afterhours.calllog.CallEventType;
import org.afterhours.calllog.CallRecorder;
import org.afterhours.calllog.ReferenceNumber;
import org.afterhours.oncall.Line;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a message: beep, record until '#', silence or the maximum length, then "1 to keep, 2 to record again".
 * A message is never lost to a hang-up: a caller who hangs up after speaking (the usual way to end a message) has
 * left it, and it is kept. Every kept message is marked as owed a technician's response and announced.
 */
final class VoicemailBox {
    private static final Logger log = LoggerFactory.getLogger(VoicemailBox.class);
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

    /** How taking a message ended. */
    enum Result {
        /** A message is in one of the server's recording folders. */
        KEPT,
        /** Nothing was heard in three tries. */
        NOTHING_HEARD,
        /**
         * Asterisk could write into none of the folders: the caller is handed to the dialplan's own voicemail box
         * (the session ends with {@link #DIALPLAN_VOICEMAIL} in the status variable; the call must not be hung up).
         */
        HANDED_TO_DIALPLAN
    }

    /** What the dialplan's [afterhours] context reads as "take a message in your own voicemail box". */
    static final String DIALPLAN_VOICEMAIL = "VOICEMAIL";
    /** The dialplan's global naming its voicemail box (extensions.conf, [globals]). */
    private static final String DIALPLAN_MAILBOX = "${AFTERHOURS_FALLBACK_MAILBOX}";

    /**
     * Plays {@code invitation} (which ends with "after the tone") and records. A folder Asterisk cannot write into
     * is an error (logged, recorded, announced) and the next folder is tried at once; when none is left the caller
     * goes to the dialplan's voicemail box, so a message is never lost to a broken installation.
     */
    Result takeMessage(Line line, String invitation, boolean urgent) {
        prompts.play(invitation);
        List<String> folders = new ArrayList<>(settings.recordingDirectories());
        for (int take = 1; take <= MAX_TAKES; ) {
            if (folders.isEmpty()) {
                return handToDialplan(line, urgent);
            }
            String path = folders.get(0) + "/" + record.fileName() + "-" + take;
            Recording recording = channel.recordFile(path, settings.recordingFormat(), "#",
                    settings.voicemailMaxLength().toMillis(), true, (int) settings.voicemailSilence().toSeconds());
            if (couldNotWrite(recording)) {
                recordingFailed(line, path, recording.endReason());
                folders.remove(0);
                continue; // the same take, in the next folder
            }
            long millis = Math.max(0, recording.endpos()) / SAMPLES_PER_MILLISECOND;
            if (millis == 0) {
                record.record(CallEventType.VOICEMAIL_DISCARDED, "path", path, "reason", "nothing heard");
                if (take < MAX_TAKES) {
                    prompts.play(Prompts.NO_MESSAGE_HEARD);
                    prompts.play(Prompts.LEAVE_MESSAGE);
                }
                take++;
                continue;
            }
            record.record(CallEventType.VOICEMAIL_RECORDED, "path", path, "format", settings.recordingFormat(),
                    "durationMillis", Long.toString(millis), "endedBy", recording.endReason());
            if ("hangup".equals(recording.endReason()) || take == MAX_TAKES || keepWithoutAsking(recording)) {
                keep(line, path, millis, urgent);
                return Result.KEPT;
            }
            Optional<Character> choice = menu.ask("message-review", Prompts.MESSAGE_REVIEW, "12");
            if (choice.isEmpty() || choice.get() == '1') {
                keep(line, path, millis, urgent); // no answer keeps the message: never lose what was said
                return Result.KEPT;
            }
            record.record(CallEventType.VOICEMAIL_DISCARDED, "path", path, "reason", "caller records again");
            prompts.play(Prompts.LEAVE_MESSAGE);
            take++;
        }
        return Result.NOTHING_HEARD;
    }

    /**
     * RECORD FILE answered result=-1 while the caller is still there (a hang-up ends in "hangup"): Asterisk could not
     * open the file ({@code writefile}: the folder is missing or not Asterisk's) or the channel failed. Not "nothing
     * heard": the caller may have spoken to a file that never existed.
     */
    private static boolean couldNotWrite(Recording recording) {
        return recording.failed() && !"hangup".equals(recording.endReason()) && recording.endpos() <= 0;
    }

    private void recordingFailed(Line line, String path, String reason) {
        log.error("[{}] Asterisk could not record the caller's message to {}.{} (RECORD FILE answered result=-1 {}):"
                        + " does the folder exist on the Asterisk host, owned by the user Asterisk runs as?",
                record.reference(), path, settings.recordingFormat(), reason.isEmpty() ? "" : "(" + reason + ")");
        record.record(CallEventType.RECORDING_FAILED, "path", path, "format", settings.recordingFormat(),
                "reason", reason);
        alerts.recordingFailed(record.reference(), line, path, reason);
    }

    /**
     * The dialplan takes the message in its own box ({@code AFTERHOURS_FALLBACK_MAILBOX}); the record names that box
     * as where the message is, and the message is announced like any other.
     */
    private Result handToDialplan(Line line, boolean urgent) {
        String mailbox = channel.getFullVariable(DIALPLAN_MAILBOX).orElse("").replaceAll("[^A-Za-z0-9@_.-]", "");
        String where = "voicemail box " + (mailbox.isEmpty() ? "(AFTERHOURS_FALLBACK_MAILBOX)" : mailbox);
        record.record(CallEventType.VOICEMAIL_HANDED_TO_DIALPLAN, "status", DIALPLAN_VOICEMAIL, "mailbox", mailbox,
                "path", where, "urgent", Boolean.toString(urgent));
        channel.returnToDialplan(DIALPLAN_VOICEMAIL);
        alerts.voicemailLeft(record.reference(), line, where, urgent);
        return Result.HANDED_TO_DIALPLAN;
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
