package org.afterhours.callflow;

import static org.afterhours.calllog.CallEventType.CALLER_HUNG_UP;
import static org.afterhours.calllog.CallEventType.CALL_ENDED;
import static org.afterhours.calllog.CallEventType.CALL_STARTED;
import static org.afterhours.calllog.CallEventType.INVALID_KEY;
import static org.afterhours.calllog.CallEventType.KEY_PRESSED;
import static org.afterhours.calllog.CallEventType.KEY_TIMEOUT;
import static org.afterhours.calllog.CallEventType.PROMPT_FAILED;
import static org.afterhours.calllog.CallEventType.PROMPT_PLAYED;
import static org.afterhours.calllog.CallEventType.REFERENCE_READ;
import static org.afterhours.calllog.CallEventType.TECHNICIAN_SOUGHT;
import static org.afterhours.calllog.CallEventType.TRANSFERRED;
import static org.afterhours.calllog.CallEventType.TRIAGED;
import static org.afterhours.calllog.CallEventType.VOICEMAIL_KEPT;
import static org.afterhours.calllog.CallEventType.VOICEMAIL_RECORDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a caller hears and what the record keeps, path by path: the caller is played by a fake Asterisk over TCP
 * that presses the given keys ('w': lets one prompt or wait pass without a key).
 */
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
        String file = reference + "-" + kept.callId().substring(0, 8) + "-1"; // two calls read one number: two files
        assertEquals("/var/spool/asterisk/afterhours/" + file, kept.attribute("path"));
        assertEquals("true", kept.attribute("urgent"));
        assertEquals("10000", kept.attribute("durationMillis")); // 80000 samples at 8 kHz
        assertEquals(List.of(reference + " main /var/spool/asterisk/afterhours/" + file + " urgent"),
                line.voicemailAlerts);
        assertEquals("URGENT_VOICEMAIL", last(CALL_ENDED).attribute("outcome"));
    }

    @Test
    void a_non_emergency_caller_hears_every_way_to_reach_the_help_desk_and_its_hours() throws Exception {
        lineAt(FlowFixture.NIGHT, DaytimeRouting.TRANSFER);
        AsteriskSimulator.Result call = line.call("2", 0);

        assertTrue(call.commands().containsAll(List.of(
                "SAY DIGITS \"19133224666\" \"\"",
                "SAY ALPHA \"help@example.com\" \"\"",
                "SAY ALPHA \"support.example.com\" \"\"",
                "SAY NUMBER 8 \"\"", "STREAM FILE \"afterhours/a-m\" \"\"",
                "SAY NUMBER 5 \"\"", "STREAM FILE \"afterhours/p-m\" \"\"",
                "STREAM FILE \"afterhours/central-time\" \"\"",
                "STREAM FILE \"afterhours/monday-to-friday\" \"\"")), String.join("\n", call.commands()));
        assertEquals(List.of(CALL_STARTED, KEY_PRESSED, TRIAGED, KEY_TIMEOUT, KEY_TIMEOUT, KEY_TIMEOUT, CALL_ENDED),
                story());
        assertEquals("INFORMED", last(CALL_ENDED).attribute("outcome"));
    }

    @Test
    void an_address_rendered_for_the_line_is_played_instead_of_spelled() throws Exception {
        lineAt(FlowFixture.NIGHT, DaytimeRouting.TRANSFER);
        AsteriskSimulator.Result call = line.call(new ResAgiResponder("2", 0));

        assertTrue(call.commands().contains("STREAM FILE \"afterhours/lines/main/email\" \"\""));
        assertTrue(call.commands().stream().noneMatch(c -> c.startsWith("SAY ALPHA")));
    }

    @Test
    void a_non_emergency_caller_can_hear_it_again_then_leave_a_message_and_is_given_the_reference()
            throws Exception {
        lineAt(FlowFixture.NIGHT, DaytimeRouting.TRANSFER);
        AsteriskSimulator.Result call = line.call("221#1", 0);

        assertEquals(2, count(call.commands(), "STREAM FILE \"afterhours/helpdesk-intro\" \"\""));
        assertEquals(List.of(CALL_STARTED, KEY_PRESSED, TRIAGED, KEY_PRESSED, KEY_PRESSED, VOICEMAIL_RECORDED,
                KEY_PRESSED, VOICEMAIL_KEPT, REFERENCE_READ, CALL_ENDED), story());
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
        assertEquals("EMERGENCY", last(TRIAGED).attribute("triage"));
        assertEquals("CONNECTED", last(CALL_ENDED).attribute("outcome"));
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
}
