package org.afterhours.callflow;

import java.time.Duration;

/**
 * How the caller's side behaves, from the server's configuration (the same for every line).
 *
 * @param menuTries             how often a menu is offered before the flow decides for the caller
 * @param keyTimeout            how long the flow waits for a key after a menu prompt
 * @param voicemailMaxLength    longest message
 * @param voicemailSilence      silence that ends a message
 * @param recordingDirectory    where Asterisk writes messages, on its own disk
 * @param recordingFormat       format Asterisk records in ({@code wav}: 8 kHz, plays anywhere)
 * @param transferDialTemplate  dial string for the help desk's number, {@code {number}} replaced by its digits
 * @param transferRingTime      how long the help desk rings during business hours
 * @param defaultLineId         line for calls whose dialled number and AGI URL name none; null: the first line
 * @param allowSimulatedTime    honour {@code ?simulate=business-hours|after-hours} in the AGI URL (for trying the
 *                              product with {@code ./afterhours simulate}; never in production)
 * @param recordingFallbackDirectory where a message is recorded when Asterisk cannot write into
 *                              {@code recordingDirectory}; "" for none (the caller then goes to the dialplan's own
 *                              voicemail box)
 */
public record FlowSettings(int menuTries, Duration keyTimeout, Duration voicemailMaxLength, Duration voicemailSilence,
                           String recordingDirectory, String recordingFormat, String transferDialTemplate,
                           Duration transferRingTime, String defaultLineId, boolean allowSimulatedTime,
                           String recordingFallbackDirectory) {

    public FlowSettings withSimulatedTime(boolean allowed) {
        return new FlowSettings(menuTries, keyTimeout, voicemailMaxLength, voicemailSilence, recordingDirectory,
                recordingFormat, transferDialTemplate, transferRingTime, defaultLineId, allowed,
                recordingFallbackDirectory);
    }

    public FlowSettings withRecordingFallbackDirectory(String directory) {
        return new FlowSettings(menuTries, keyTimeout, voicemailMaxLength, voicemailSilence, recordingDirectory,
                recordingFormat, transferDialTemplate, transferRingTime, defaultLineId, allowSimulatedTime, directory);
    }

    /** The folders a message may be recorded in, in the order they are tried. */
    public java.util.List<String> recordingDirectories() {
        return recordingFallbackDirectory.isEmpty() || recordingFallbackDirectory.equals(recordingDirectory)
                ? java.util.List.of(recordingDirectory)
                : java.util.List.of(recordingDirectory, recordingFallbackDirectory);
    }

    public static FlowSettings defaults() {
        return new FlowSettings(3, Duration.ofSeconds(5), Duration.ofMinutes(3), Duration.ofSeconds(5),
                "/var/spool/asterisk/afterhours", "wav", "PJSIP/{number}@trunk", Duration.ofSeconds(30), null, false,
                "");
    }
}
