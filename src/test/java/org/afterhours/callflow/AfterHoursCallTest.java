package org.afterhours.callflow;

import static org.afterhours.calllog.CallEventType.CALLER_HUNG_UP;
import static org.afterhours.calllog.CallEventType.CALL_ENDED;
import static org.afterhours.calllog.CallEventType.CALL_STARTED;
import static org.afterhours.calllog.CallEventType.INVALID_KEY;
import static org.afterhours.calllog.CallEventType.KEY_PRESSED;
import static org.afterhours.calllog.CallEventType.KEY_TIMEOUT;
import static org.afterhours.calllog.CallEventType.PROMPT_FAILED;
import static org.afterhours.calllog.CallEventType.PROMPT_PLAYED;
import static org.afterhours.calllog.CallEventType.RECORDING_FAILED;
import static org.afterhours.calllog.CallEventType.REFERENCE_READ;
import static org.afterhours.calllog.CallEventType.TECHNICIAN_SOUGHT;
import static org.afterhours.calllog.CallEventType.TRANSFERRED;
import static org.afterhours.calllog.CallEventType.TRIAGED;
import static org.afterhours.calllog.CallEventType.VOICEMAIL_DISCARDED;
import static org.afterhours.calllog.CallEventType.VOICEMAIL_HANDED_TO_DIALPLAN;
import static org.afterhours.calllog.CallEventType.VOICEMAIL_KEPT;
import static org.afterhours.calllog.CallEventType.VOICEMAIL_RECORDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.afterhours.calllog.CallEvent;
import org.afterhours.calllog.CallEventType;
import org.afterhours.oncall.DaytimeRouting;
import org.afterhours.simulator.AsteriskSimulator;
import org.afterhours.simulator.ResAgiResponder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a caller hears and what the record keeps, path by path: the caller is played by a fake Asterisk over TCP
 * that presses the given keys ('w': lets one prompt or wait pass without a key).
 */
@Tag("clock")
class AfterHoursCallTest {
    @TempDir
    Path journalDirectory;
    private FlowFixture line;

    @AfterEach
    void stop() throws InterruptedException {
        if (line != null) {
            line.close();
        }
    }

    private FlowFixture lineAt(java.time.Instant now, DaytimeRouting routing) throws InterruptedException {
        line = new FlowFixture(journalDirectory, now, routing);
        return line;
    }

    /** The story of a call without the prompts in between. */
    private List<CallEventType> story() throws InterruptedException {
        return line.types().stream().filter(t -> t != PROMPT_PLAYED).toList();
    }

    private CallEvent last(CallEventType type) throws InterruptedException {
        return line.events().stream().filter(e -> e.type() == type).reduce((a, b) -> b).orElseThrow();
    }

    private long count(List<String> commands, String command) {
        return commands.stream().filter(command::equals).count();
    }

    @Test
    void an_emergency_caller_hears_the_reference_twice_before_being_connected() throws Exception {
        lineAt(FlowFixture.NIGHT, DaytimeRouting.TRANSFER).technicianWill(TechnicianConnector.Result.CONNECTED);
        AsteriskSimulator.Result call = line.call("1", 0);

        assertEquals(List.of(CALL_STARTED, KEY_PRESSED, TRIAGED, REFERENCE_READ, REFERENCE_READ, TECHNICIAN_SOUGHT,
                CALL_ENDED), story());
        String reference = line.reference().digits();
        assertEquals(7, reference.length());
        assertEquals(2, count(call.commands(), "SAY DIGITS \"" + reference + "\" \"\""));
        assertEquals(Map.of("triage", "EMERGENCY", "reason", "chosen"), last(TRIAGED).attributes());
        assertEquals("CONNECTED", last(CALL_ENDED).attribute("outcome"));
        assertEquals("SUCCESS", call.variables().get("AFTERHOURS_STATUS"));
    }

    @Test
    void an_emergency_nobody_accepts_ends_in_an_urgent_message_that_is_announced() throws Exception {
        lineAt(FlowFixture.NIGHT, DaytimeRouting.TRANSFER).technicianWill(TechnicianConnector.Result.NOBODY_ACCEPTED);
        line.call("1#1", 0); // 1: emergency; '#' ends the message; 1: keep it

        assertEquals(List.of(CALL_STARTED, KEY_PRESSED, TRIAGED, REFERENCE_READ, REFERENCE_READ, TECHNICIAN_SOUGHT,
                VOICEMAIL_RECORDED, KEY_PRESSED, VOICEMAIL_KEPT, REFERENCE_READ, CALL_ENDED), story());
        String reference = line.reference().digits();
        CallEvent kept = last(VOICEMAIL_KEPT);
        String file = messageFile(kept, 1);
        assertEquals("/var/spool/asterisk/afterhours/" + file, kept.attribute("path"));
        assertEquals("true", kept.attribute("urgent"));
        assertEquals("10000", kept.attribute("durationMillis")); // 80000 samples at 8 kHz
        assertEquals(List.of(reference + " main /var/spool/asterisk/afterhours/" + file + " urgent"),
                line.voicemailAlerts);
        assertEquals("URGENT_VOICEMAIL", last(CALL_ENDED).attribute("outcome"));
    }

    @Test
    void a_non_emergency_caller_who_presses_2_hears_every_way_to_reach_the_help_desk_and_its_hours()
            throws Exception {
        lineAt(FlowFixture.NIGHT, DaytimeRouting.TRANSFER);
        AsteriskSimulator.Result call = line.call("22", 0); // not an emergency; how to open a request

        assertTrue(call.commands().containsAll(List.of(
                "SAY DIGITS \"19133224666\" \"12\"",
                "SAY ALPHA \"help@example.com\" \"12\"",
                "SAY ALPHA \"support.example.com\" \"12\"",
                "SAY NUMBER 8 \"12\"", "STREAM FILE \"afterhours/a-m\" \"12\"",
                "SAY NUMBER 5 \"12\"", "STREAM FILE \"afterhours/p-m\" \"12\"",
                "STREAM FILE \"afterhours/central-time\" \"12\"",
                "STREAM FILE \"afterhours/monday-to-friday\" \"12\"")), String.join("\n", call.commands()));
        assertEquals(List.of(CALL_STARTED, KEY_PRESSED, TRIAGED, KEY_PRESSED, KEY_TIMEOUT, KEY_TIMEOUT, KEY_TIMEOUT,
                CALL_ENDED), story());
        assertEquals("INFORMED", last(CALL_ENDED).attribute("outcome"));
    }

    @Test
    void a_non_emergency_caller_is_offered_a_message_first_and_leaves_one_without_hearing_the_information()
            throws Exception {
        lineAt(FlowFixture.NIGHT, DaytimeRouting.TRANSFER);
        // w: the greeting plays out; 2: not an emergency; 1: a message now; '#' ends it; 1 keeps it
        AsteriskSimulator.Result call = line.call("w21#1", 0);

        int triage = call.commands().indexOf("STREAM FILE \"afterhours/triage-menu\" \"0123456789*#\"");
        assertEquals("STREAM FILE \"afterhours/nonemergency-choice\" \"0123456789*#\"",
                call.commands().get(triage + 1), "the choice comes right after triage");
        assertTrue(call.commands().stream().noneMatch(c -> c.contains("afterhours/helpdesk-")),
                String.join("\n", call.commands()));
        assertEquals("VOICEMAIL", last(CALL_ENDED).attribute("outcome"));
    }

    @Test
    void every_part_of_the_help_desk_information_stops_at_a_key() throws Exception {
        lineAt(FlowFixture.NIGHT, DaytimeRouting.TRANSFER);
        AsteriskSimulator.Result call = line.call("22", 0);

        List<String> commands = call.commands();
        List<String> information = commands.subList(
                commands.indexOf("STREAM FILE \"afterhours/nonemergency-choice\" \"0123456789*#\"") + 1,
                commands.indexOf("STREAM FILE \"afterhours/nonemergency-options\" \"0123456789*#\""));
        assertEquals(15, information.size(), String.join("\n", information));
        assertTrue(information.stream().allMatch(c -> c.endsWith(" \"12\"")), String.join("\n", information));
    }

    @Test
    void an_address_rendered_for_the_line_is_played_instead_of_spelled() throws Exception {
        line = new FlowFixture(journalDirectory, FlowFixture.NIGHT, DaytimeRouting.TRANSFER, null,
                FlowSettings.defaults(),
                OptionalPrompts.of(List.of("afterhours/lines/main/email", "afterhours/lines/main/portal")));
        AsteriskSimulator.Result call = line.call(new ResAgiResponder("22", 0));

        assertTrue(call.commands().contains("STREAM FILE \"afterhours/lines/main/email\" \"12\""));
        assertTrue(call.commands().stream().noneMatch(c -> c.startsWith("SAY ALPHA")));
    }

    @Test
    void a_prompt_no_one_rendered_for_the_line_is_never_asked_of_asterisk() throws Exception {
        lineAt(FlowFixture.NIGHT, DaytimeRouting.TRANSFER); // the server knows of no line's own prompts
        AsteriskSimulator.Result call = line.call(new ResAgiResponder("22", 0));

        assertTrue(call.commands().stream().noneMatch(c -> c.contains("afterhours/lines/")),
                "each would be a 'does not exist in any format' line in Asterisk's log: " + call.commands());
        assertTrue(call.commands().contains("SAY ALPHA \"help@example.com\" \"12\""));
        assertFalse(line.types().contains(PROMPT_FAILED));
    }

    @Test
    void a_non_emergency_caller_can_cut_the_information_short_hear_it_again_then_leave_a_message()
            throws Exception {
        lineAt(FlowFixture.NIGHT, DaytimeRouting.TRANSFER);
        // 2: not an emergency; 2: how to open a request; 2 during it: again; 1 during it: a message; #; 1 keeps it
        AsteriskSimulator.Result call = line.call("2221#1", 0);

        assertEquals(2, count(call.commands(), "STREAM FILE \"afterhours/helpdesk-intro\" \"12\""));
        assertEquals(List.of(CALL_STARTED, KEY_PRESSED, TRIAGED, KEY_PRESSED, KEY_PRESSED, KEY_PRESSED,
                VOICEMAIL_RECORDED, KEY_PRESSED, VOICEMAIL_KEPT, REFERENCE_READ, CALL_ENDED), story());
        assertEquals("false", last(VOICEMAIL_KEPT).attribute("urgent"));
        assertEquals("VOICEMAIL", last(CALL_ENDED).attribute("outcome"));
    }

    @Test
    void three_wrong_keys_are_treated_as_not_an_emergency_and_a_message_is_taken() throws Exception {
        lineAt(FlowFixture.NIGHT, DaytimeRouting.TRANSFER);
        line.call("999", 0);

        assertEquals(List.of(CALL_STARTED, INVALID_KEY, INVALID_KEY, INVALID_KEY, TRIAGED, VOICEMAIL_RECORDED,
                KEY_TIMEOUT, KEY_TIMEOUT, KEY_TIMEOUT, VOICEMAIL_KEPT, REFERENCE_READ, CALL_ENDED), story());
        assertEquals(Map.of("triage", "NON_EMERGENCY", "reason", "no-choice"), last(TRIAGED).attributes());
        assertEquals("VOICEMAIL", last(CALL_ENDED).attribute("outcome"), "an unanswered review keeps the message");
    }

    @Test
    void a_caller_who_waits_hears_the_menu_again_and_is_heard_the_second_time() throws Exception {
        lineAt(FlowFixture.NIGHT, DaytimeRouting.TRANSFER).technicianWill(TechnicianConnector.Result.CONNECTED);
        AsteriskSimulator.Result call = line.call("www1", 0);

        assertEquals(2, count(call.commands(), "STREAM FILE \"afterhours/triage-menu\" \"0123456789*#\""));
        assertEquals(List.of(CALL_STARTED, KEY_TIMEOUT, KEY_PRESSED, TRIAGED), story().subList(0, 4));
    }

    @Test
    void a_missing_prompt_is_recorded_and_the_call_goes_on() throws Exception {
        lineAt(FlowFixture.NIGHT, DaytimeRouting.TRANSFER).technicianWill(TechnicianConnector.Result.CONNECTED);
        line.call(new ResAgiResponder("w1", 0).withSounds(name -> !name.equals("afterhours/triage-menu")));

        assertEquals(Map.of("prompt", "afterhours/triage-menu"), last(PROMPT_FAILED).attributes());
        assertEquals(1, line.types().stream().filter(PROMPT_FAILED::equals).count());
        assertEquals("EMERGENCY", last(TRIAGED).attribute("triage"));
        assertEquals("CONNECTED", last(CALL_ENDED).attribute("outcome"));
    }

    @Test
    void a_recording_folder_asterisk_cannot_write_is_an_error_and_the_caller_goes_to_the_dialplans_voicemail_box()
            throws Exception {
        lineAt(FlowFixture.NIGHT, DaytimeRouting.TRANSFER).technicianWill(TechnicianConnector.Result.NOBODY_ACCEPTED);
        AsteriskSimulator.Result call = line.call(new ResAgiResponder("1", 0).withSounds(FlowFixture::shippedSound)
                .withWritableFolders(folder -> false).withVariable("AFTERHOURS_FALLBACK_MAILBOX", "200@support"));

        String reference = line.reference().digits();
        String path = "/var/spool/asterisk/afterhours/" + messageFile(last(CALL_STARTED), 1);
        assertEquals(Map.of("path", path, "format", "wav", "reason", "writefile"), last(RECORDING_FAILED).attributes());
        assertFalse(line.types().contains(VOICEMAIL_DISCARDED), "a failed recording is not \"nothing heard\"");
        assertEquals(1, count(call.commands(), "RECORD FILE \"" + path + "\" \"wav\" \"#\" 180000 0 BEEP s=5"));
        assertEquals("voicemail box 200@support", last(VOICEMAIL_HANDED_TO_DIALPLAN).attribute("path"));
        assertEquals("VOICEMAIL", call.variables().get("AFTERHOURS_STATUS"), "the dialplan runs VoiceMail()");
        assertTrue(call.commands().stream().noneMatch(c -> c.equals("HANGUP")), "the caller is not hung up on");
        assertEquals(List.of(reference + " main " + path + " writefile"), line.recordingAlerts);
        assertEquals(List.of(reference + " main voicemail box 200@support urgent"), line.voicemailAlerts);
        assertEquals("URGENT_VOICEMAIL", last(CALL_ENDED).attribute("outcome"));
    }

    @Test
    void a_second_recording_folder_takes_the_message_when_asterisk_cannot_write_into_the_first() throws Exception {
        line = new FlowFixture(journalDirectory, FlowFixture.NIGHT, DaytimeRouting.TRANSFER, null,
                FlowSettings.defaults().withRecordingFallbackDirectory("/var/lib/asterisk/afterhours-messages"),
                OptionalPrompts.NONE);
        AsteriskSimulator.Result call = line.call(new ResAgiResponder("999#1", 0).withSounds(FlowFixture::shippedSound)
                .withWritableFolders(folder -> folder.equals("/var/lib/asterisk/afterhours-messages")));

        String file = messageFile(last(CALL_STARTED), 1);
        assertEquals("/var/spool/asterisk/afterhours/" + file, last(RECORDING_FAILED).attribute("path"));
        assertEquals("/var/lib/asterisk/afterhours-messages/" + file, last(VOICEMAIL_KEPT).attribute("path"));
        assertEquals(1, line.recordingAlerts.size());
        assertEquals("SUCCESS", call.variables().get("AFTERHOURS_STATUS"));
        assertEquals("VOICEMAIL", last(CALL_ENDED).attribute("outcome"));
    }

    @Test
    void a_call_from_a_channel_without_a_dnid_records_the_number_the_dialplan_entered_with() throws Exception {
        // A Local channel or a Goto from [afterhours-inbound]: agi_dnid is "unknown", the number is agi_extension.
        lineAt(FlowFixture.NIGHT, DaytimeRouting.TRANSFER).technicianWill(TechnicianConnector.Result.CONNECTED);
        line.call("afterhours", new ResAgiResponder("1", 0));

        assertEquals("+19132016503", line.events().get(0).attribute("dialled"));
    }

    @Test
    void in_business_hours_the_caller_is_put_through_to_the_help_desk() throws Exception {
        lineAt(FlowFixture.DAYTIME, DaytimeRouting.TRANSFER);
        AsteriskSimulator.Result call = line.call("", 0);

        assertTrue(call.commands().contains("EXEC Dial \"PJSIP/19133224666@trunk,30\""),
                String.join("\n", call.commands()));
        assertEquals(List.of(CALL_STARTED, TRANSFERRED, CALL_ENDED), story());
        assertEquals("true", line.events().get(0).attribute("businessHours"));
        assertEquals("TRANSFERRED", last(CALL_ENDED).attribute("outcome"));
    }

    @Test
    void in_business_hours_an_unanswered_transfer_becomes_a_message() throws Exception {
        lineAt(FlowFixture.DAYTIME, DaytimeRouting.TRANSFER);
        line.call(new ResAgiResponder("#1", 0).withDialStatus("NOANSWER"));

        assertEquals(List.of(CALL_STARTED, TRANSFERRED, VOICEMAIL_RECORDED, KEY_PRESSED, VOICEMAIL_KEPT,
                REFERENCE_READ, CALL_ENDED), story());
        assertEquals("NOANSWER", last(TRANSFERRED).attribute("dialStatus"));
    }

    @Test
    void a_line_set_to_take_messages_in_business_hours_does_not_transfer() throws Exception {
        lineAt(FlowFixture.DAYTIME, DaytimeRouting.MESSAGE_AND_VOICEMAIL);
        AsteriskSimulator.Result call = line.call("#1", 0);

        assertTrue(call.commands().stream().noneMatch(c -> c.startsWith("EXEC Dial")));
        assertEquals(List.of(CALL_STARTED, VOICEMAIL_RECORDED, KEY_PRESSED, VOICEMAIL_KEPT, REFERENCE_READ,
                CALL_ENDED), story());
    }

    @Test
    void a_line_the_dialplan_names_wrongly_falls_back_to_the_dialled_number() throws Exception {
        lineAt(FlowFixture.NIGHT, DaytimeRouting.TRANSFER).technicianWill(TechnicianConnector.Result.CONNECTED);
        AsteriskSimulator.Result call = line.call("afterhours?line=no-such-line", new ResAgiResponder("1", 0));

        assertEquals("main", line.events().get(0).attribute("line"));
        assertEquals("SUCCESS", call.variables().get("AFTERHOURS_STATUS"));
    }

    @Test
    void hostile_caller_id_is_kept_verbatim_in_the_record_and_never_reaches_a_command() throws Exception {
        lineAt(FlowFixture.NIGHT, DaytimeRouting.TRANSFER).technicianWill(TechnicianConnector.Result.CONNECTED);
        String hostile = "Eve\" HANGUP \\ <script>alert(1)</script>'); DROP TABLE call_record; --";
        org.afterhours.simulator.SimulatedCall call = org.afterhours.simulator.SimulatedCall.to("afterhours")
                .from("+1555\"0100", hostile).dialling("+19132016503").pressing("1");
        AsteriskSimulator.Result result = new AsteriskSimulator("127.0.0.1", line.port(), java.time.Duration.ofSeconds(10))
                .play(call, l -> { });

        assertEquals(hostile, line.events().get(0).attribute("callerName"));
        assertTrue(result.commands().stream().noneMatch(c -> c.contains("Eve")), "caller text is never spoken");
    }

    /** Every command of the longest path: emergency, nobody reachable, a message re-recorded, then kept. */
    static IntStream everyCommandOfTheLongestPath() {
        return IntStream.rangeClosed(1, 30);
    }

    @ParameterizedTest(name = "hang-up during command {0}")
    @MethodSource("everyCommandOfTheLongestPath")
    void a_hang_up_anywhere_is_recorded_with_its_step_and_nothing_before_it_is_lost(int command) throws Exception {
        lineAt(FlowFixture.NIGHT, DaytimeRouting.TRANSFER).technicianWill(TechnicianConnector.Result.UNAVAILABLE);
        AsteriskSimulator.Result call = line.call("1#2#1", command);

        List<CallEvent> events = line.events();
        assertEquals(IntStream.rangeClosed(1, events.size()).boxed().toList(),
                events.stream().map(CallEvent::sequence).toList(), "numbered 1..n without a gap");
        assertEquals(CALL_STARTED, events.get(0).type());
        assertEquals(CALL_ENDED, events.get(events.size() - 1).type());
        assertFalse(line.types().contains(PROMPT_FAILED), "a prompt cut by the hang-up is not a missing file");
        if (command > call.commands().size()) {
            return; // the call was over before this command
        }
        String hungUpDuring = call.commands().get(command - 1);
        if (hungUpDuring.equals("HANGUP") || hungUpDuring.startsWith("SET VARIABLE")) {
            assertEquals("GOODBYE", last(CALL_ENDED).attribute("step")); // the flow had said goodbye already
        } else {
            CallEvent hungUp = last(CALLER_HUNG_UP);
            String step = hungUp.attribute("step");
            assertEquals(step, last(CALL_ENDED).attribute("step"));
            assertEquals("CALLER_HUNG_UP".equals(last(CALL_ENDED).attribute("outcome")),
                    !line.types().contains(VOICEMAIL_KEPT), "a kept message is the outcome, even if hung up");
            if (hungUpDuring.startsWith("RECORD FILE")) {
                assertEquals("VOICEMAIL", step);
                assertTrue(line.types().contains(VOICEMAIL_KEPT), "hanging up is how callers end a message");
            }
        }
    }

    /** A message's file: the reference, part of the call's id (two calls read one number: two files), the take. */
    private static String messageFile(CallEvent ofTheCall, int take) {
        return ofTheCall.reference().digits() + "-" + ofTheCall.callId().substring(0, 8) + "-" + take;
    }
}
