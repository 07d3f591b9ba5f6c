package org.afterhours.callflow;

import java.util.List;
import java.util.Optional;
import org.afterhours.agi.AgiChannel;
import org.afterhours.agi.AgiRequest;
import org.afterhours.agi.AgiScript;
import org.afterhours.agi.Recording;

/**
 * A short call an administrator places to prove that Asterisk reaches this server, that keys and prompts travel
 * both ways, and that Asterisk can record messages where the server will ask it to: {@code AGI(agi://host:4573/probe)}.
 * It answers, plays Asterisk's own "hello world", waits for a key, reads it back, and leaves it in
 * {@value #KEY_VARIABLE}; then records one second into each recording folder ({@code afterhours-probe.wav}, replaced
 * each time) and leaves the result in {@value #RECORDING_VARIABLE}. A folder Asterisk cannot write into makes the
 * session end with {@value #RECORDING_FAILED} in the status variable instead of SUCCESS.
 */
public final class ConnectionProbe implements AgiScript {
    public static final String PATH = "probe";
    public static final String KEY_VARIABLE = "AFTERHOURS_PROBE_KEY";
    public static final String RECORDING_VARIABLE = "AFTERHOURS_PROBE_RECORDING";
    public static final String RECORDING_FAILED = "RECORDING_FAILED";
    private static final long KEY_WAIT_MILLIS = 5000;
    private static final long RECORD_MILLIS = 1000;

    private final List<String> recordingFolders;
    private final String recordingFormat;

    /** @param recordingFolders the folders messages are recorded in, on the Asterisk host, in the order tried */
    public ConnectionProbe(List<String> recordingFolders, String recordingFormat) {
        this.recordingFolders = List.copyOf(recordingFolders);
        this.recordingFormat = recordingFormat;
    }

    @Override
    public void service(AgiRequest request, AgiChannel channel) {
        channel.answer();
        channel.verbose("afterhours probe: FastAGI connection works", 1);
        Optional<Character> key = channel.streamFile("hello-world", AgiChannel.ANY_KEY).key();
        if (key.isEmpty()) {
            key = channel.waitForDigit(KEY_WAIT_MILLIS);
        }
        String pressed = key.map(String::valueOf).orElse("");
        if (!pressed.isEmpty() && Character.isDigit(key.get())) {
            channel.sayDigits(pressed, "");
        }
        channel.setVariable(KEY_VARIABLE, pressed);
        checkRecording(channel);
    }

    /** "OK", or "FAILED" and the first folder Asterisk could not write into. */
    private void checkRecording(AgiChannel channel) {
        for (String folder : recordingFolders) {
            String file = folder + "/afterhours-probe";
            Recording recording = channel.recordFile(file, recordingFormat, "", RECORD_MILLIS, false, 0);
            if (recording.failed() && !"hangup".equals(recording.endReason())) {
                channel.verbose("afterhours probe: Asterisk cannot record to " + file + "." + recordingFormat
                        + " (" + recording.endReason() + "): create the folder, owned by the user Asterisk runs as", 1);
                channel.setVariable(RECORDING_VARIABLE, "FAILED " + folder);
                channel.returnToDialplan(RECORDING_FAILED);
                return;
            }
        }
        channel.setVariable(RECORDING_VARIABLE, "OK");
    }
}
