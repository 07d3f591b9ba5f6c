package org.afterhours.agi.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.afterhours.agi.AgiCommandException;
import org.afterhours.agi.AgiHangupException;
import org.afterhours.agi.AgiScript;
import org.afterhours.agi.ChannelState;
import org.afterhours.agi.DigitsEntered;
import org.afterhours.agi.Playback;
import org.afterhours.agi.Recording;
import org.afterhours.simulator.SimulatedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The FastAGI server against a fake Asterisk over real TCP, answering with the reply strings a real Asterisk 22.10.1
 * sent (../shared/asterisk-transcripts/agi.txt).
 */
@Tag("clock")
class AgiServerTest {
    private final RecordingListener sessions = new RecordingListener();
    private final List<Object> seen = new CopyOnWriteArrayList<>();
    private AgiServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    private int serve(String path, AgiScript script) throws InterruptedException {
        return serve(AgiServerSettings.defaults().withPort(0).withShutdownGrace(Duration.ofSeconds(5)),
                new AgiScriptRouter().register(path, script));
    }

    private int serve(AgiServerSettings settings, AgiScriptRouter router) throws InterruptedException {
        server = new AgiServer(settings, router, sessions, Clock.systemUTC()).start();
        return server.port();
    }

    private SessionOutcome outcomeOfOnlySession() {
        await().atMost(Duration.ofSeconds(10)).until(() -> sessions.ended.size() == 1);
        return sessions.ended.get(0).outcome();
    }

    @Test
    void every_reply_of_the_recorded_call_reaches_the_script_as_a_typed_result() throws Exception {
        int port = serve("probe", (request, channel) -> {
            channel.answer();
            seen.add(channel.streamFile("hello-world", ""));
            seen.add(channel.streamFile("no-such-file", ""));
            seen.add(channel.getData("beep", 8000, 4));
            seen.add(channel.getData("beep", 1000, 2));
            seen.add(channel.waitForDigit(500));
            seen.add(channel.sayDigits("4815", ""));
            channel.sayNumber(42, "");
            channel.setVariable("FOO", "bar baz");
            seen.add(channel.getVariable("FOO"));
            seen.add(channel.getVariable("NOPE"));
            seen.add(channel.getFullVariable("${CALLERID(num)}"));
            seen.add(channel.channelStatus());
            seen.add(channel.exec("Playback", "beep"));
            seen.add(channel.exec("NoSuchApp", "x"));
            seen.add(channel.recordFile("/var/spool/asterisk/afterhours/rec", "wav", "#", 2000, true, 1));
            channel.verbose("hello", 1);
            seen.add(channel.getVariable("QQ"));
        });
        try (FakeAsterisk asterisk = FakeAsterisk.call(port, SimulatedCall.to("probe"))) {
            asterisk.expect("ANSWER", "200 result=0")
                    .expect("STREAM FILE \"hello-world\" \"\"", "200 result=0 endpos=11360")
                    .expect("STREAM FILE \"no-such-file\" \"\"", "200 result=-1 endpos=0")
                    .expect("GET DATA \"beep\" 8000 4", "200 result=12")
                    .expect("GET DATA \"beep\" 1000 2", "200 result= (timeout)")
                    .expect("WAIT FOR DIGIT 500", "200 result=0")
                    .expect("SAY DIGITS \"4815\" \"\"", "200 result=0")
                    .expect("SAY NUMBER 42 \"\"", "200 result=0")
                    .expect("SET VARIABLE \"FOO\" \"bar baz\"", "200 result=1")
                    .expect("GET VARIABLE \"FOO\"", "200 result=1 (bar baz)")
                    .expect("GET VARIABLE \"NOPE\"", "200 result=0")
                    .expect("GET FULL VARIABLE \"${CALLERID(num)}\"", "200 result=1 ()")
                    .expect("CHANNEL STATUS", "200 result=6")
                    .expect("EXEC Playback \"beep\"", "200 result=0")
                    .expect("EXEC NoSuchApp \"x\"", "200 result=-2")
                    .expect("RECORD FILE \"/var/spool/asterisk/afterhours/rec\" \"wav\" \"#\" 2000 0 BEEP s=1",
                            "200 result=0 (timeout) endpos=0")
                    .expect("VERBOSE \"hello\" 1", "200 result=1")
                    .expect("GET VARIABLE \"QQ\"", "200 result=1 (a\"b\\c,d)")
                    .expect("SET VARIABLE \"AFTERHOURS_STATUS\" \"SUCCESS\"", "200 result=1");
            assertTrue(asterisk.closedByServer());
        }
        assertEquals(SessionOutcome.COMPLETED, outcomeOfOnlySession());
        assertEquals(List.of(
                new Playback(Optional.empty(), false, 11360),
                new Playback(Optional.empty(), true, 0), // a missing file fails on a live channel: no hang-up
                new DigitsEntered("12", false, false),
                new DigitsEntered("", true, false),
                Optional.empty(),
                new Playback(Optional.empty(), false, -1),
                Optional.of("bar baz"),
                Optional.empty(),
                Optional.of(""),
                ChannelState.UP,
                0,
                -2,
                new Recording("timeout", Optional.empty(), 0, false),
                Optional.of("a\"b\\c,d")), seen);
    }

    @Test
    void a_key_that_interrupts_a_prompt_comes_back_as_that_key() throws Exception {
        int port = serve("probe", (request, channel) -> {
            seen.add(channel.streamFile("menu", "12"));
            seen.add(channel.waitForDigit(-1));
            seen.add(channel.recordFile("/tmp/vm", "wav", "#", -1, false, 0));
        });
        try (FakeAsterisk asterisk = FakeAsterisk.call(port, SimulatedCall.to("probe"))) {
            asterisk.expect("STREAM FILE \"menu\" \"12\"", "200 result=50 endpos=4000")
                    .expect("WAIT FOR DIGIT -1", "200 result=35")
                    .expect("RECORD FILE \"/tmp/vm\" \"wav\" \"#\" -1 0", "200 result=35 (dtmf) endpos=80000")
                    .expect("SET VARIABLE \"AFTERHOURS_STATUS\" \"SUCCESS\"", "200 result=1");
        }
        assertEquals(List.of(new Playback(Optional.of('2'), false, 4000), Optional.of('#'),
                new Recording("dtmf", Optional.of('#'), 80000, false)), seen);
    }

    @Test
    void an_unknown_command_and_a_usage_reply_are_command_errors_with_asterisks_text() throws Exception {
        int port = serve("probe", (request, channel) -> {
            seen.add(assertThrows(AgiCommandException.class, () -> channel.exec("Playback")).reply().code());
            AgiCommandException usage = assertThrows(AgiCommandException.class, () -> channel.streamFile("x", ""));
            seen.add(usage.reply().message());
        });
        try (FakeAsterisk asterisk = FakeAsterisk.call(port, SimulatedCall.to("probe"))) {
            asterisk.expect("EXEC Playback \"\"", "510 Invalid or unknown command")
                    .expect("STREAM FILE \"x\" \"\"",
                            "520-Invalid command syntax.  Proper usage follows:",
                            "Send the given file, allowing playback to be interrupted by the given digits.",
                            "<variable>PLAYBACKSTATUS</variable>: The status of the playback attempt.",
                            "520 End of proper usage.")
                    .expect("SET VARIABLE \"AFTERHOURS_STATUS\" \"SUCCESS\"", "200 result=1");
        }
        assertEquals(List.of(510, "Invalid command syntax.  Proper usage follows:\n"
                + "Send the given file, allowing playback to be interrupted by the given digits.\n"
                + "<variable>PLAYBACKSTATUS</variable>: The status of the playback attempt."), seen);
    }

    @Test
    void a_caller_who_hangs_up_while_a_command_runs_ends_the_script_with_one_exception_and_finally_runs()
            throws Exception {
        CountDownLatch finallyRan = new CountDownLatch(1);
        int port = serve("probe", (request, channel) -> {
            try {
                channel.answer();
                seen.add(channel.waitForDigit(10000)); // answered -1: failure, not yet known as a hang-up
                channel.noop();
                seen.add("never reached");
            } catch (AgiHangupException e) {
                seen.add(e.hangupCause());
                throw e;
            } finally {
                finallyRan.countDown();
            }
        });
        try (FakeAsterisk asterisk = FakeAsterisk.call(port, SimulatedCall.to("probe"))) {
            asterisk.expect("ANSWER", "200 result=0")
                    .expect("WAIT FOR DIGIT 10000", "200 result=-1")
                    .expect("NOOP", "HANGUP", "200 result=0");
            assertTrue(asterisk.closedByServer(), "no status variable is set for a caller who is gone");
        }
        assertTrue(finallyRan.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(Optional.empty(), AgiHangupException.Cause.CALLER_HUNG_UP), seen);
        assertEquals(SessionOutcome.CALLER_HUNG_UP, outcomeOfOnlySession());
    }

    @Test
    void a_hangup_between_commands_ends_the_call_whether_or_not_the_next_command_was_already_sent()
            throws Exception {
        CountDownLatch hangupSent = new CountDownLatch(1);
        int port = serve("probe", (request, channel) -> {
            channel.answer();
            hangupSent.await(5, TimeUnit.SECONDS);
            seen.add(assertThrows(AgiHangupException.class, () -> channel.streamFile("still-there", ""))
                    .hangupCause());
        });
        try (FakeAsterisk asterisk = FakeAsterisk.call(port, SimulatedCall.to("probe"))) {
            asterisk.expect("ANSWER", "200 result=0").send("HANGUP");
            hangupSent.countDown();
            assertTrue(asterisk.answerAsDeadChannelUntilClosed() <= 1, "at most the command already on its way");
        }
        assertEquals(SessionOutcome.CALLER_HUNG_UP, outcomeOfOnlySession());
        assertEquals(1, seen.size());
    }

    @Test
    void a_hangup_before_the_first_command_ends_the_call() throws Exception {
        CountDownLatch finallyRan = new CountDownLatch(1);
        int port = serve("probe", (request, channel) -> {
            try {
                channel.answer();
            } finally {
                finallyRan.countDown();
            }
        });
        FakeAsterisk asterisk = FakeAsterisk.call(port, SimulatedCall.to("probe"));
        asterisk.close();
        assertTrue(finallyRan.await(5, TimeUnit.SECONDS));
        assertEquals(SessionOutcome.CONNECTION_LOST, outcomeOfOnlySession());
    }

    @Test
    void a_malformed_line_closes_that_call_only() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        int port = serve("probe", (request, channel) -> {
            bothStarted.countDown();
            bothStarted.await(5, TimeUnit.SECONDS);
            channel.answer();
            channel.streamFile("hello-world", "");
        });
        try (FakeAsterisk broken = FakeAsterisk.call(port, SimulatedCall.to("probe"));
             FakeAsterisk healthy = FakeAsterisk.call(port, SimulatedCall.to("probe"))) {
            broken.expect("ANSWER", "this is not what res_agi writes");
            assertTrue(broken.closedByServer());
            healthy.expect("ANSWER", "200 result=0")
                    .expect("STREAM FILE \"hello-world\" \"\"", "200 result=0 endpos=11360")
                    .expect("SET VARIABLE \"AFTERHOURS_STATUS\" \"SUCCESS\"", "200 result=1");
            assertTrue(healthy.closedByServer());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sessions.ended.size() == 2);
        assertEquals(List.of(SessionOutcome.COMPLETED, SessionOutcome.PROTOCOL_ERROR),
                sessions.outcomes().stream().sorted().toList());
    }

    @Test
    void an_oversized_environment_or_line_closes_that_connection_only() throws Exception {
        int port = serve("probe", (request, channel) -> channel.answer());
        try (FakeAsterisk manyLines = FakeAsterisk.connect(port);
             FakeAsterisk longLine = FakeAsterisk.connect(port);
             FakeAsterisk healthy = FakeAsterisk.call(port, SimulatedCall.to("probe"))) {
            for (int i = 0; i < 200; i++) {
                manyLines.send("agi_arg_" + (i + 1) + ": x");
            }
            longLine.send("agi_callerid: " + "9".repeat(10_000));
            assertTrue(manyLines.closedByServer());
            assertTrue(longLine.closedByServer());
            healthy.expect("ANSWER", "200 result=0")
                    .expect("SET VARIABLE \"AFTERHOURS_STATUS\" \"SUCCESS\"", "200 result=1");
        }
        assertEquals(SessionOutcome.COMPLETED, outcomeOfOnlySession());
    }

    @Test
    void a_client_outside_the_allowed_addresses_is_refused_before_anything_is_read() throws Exception {
        int port = serve(AgiServerSettings.defaults().withPort(0).withAllowedClients(List.of("10.0.0.0/8")),
                new AgiScriptRouter().register("probe", (request, channel) -> channel.answer()));
        try (FakeAsterisk stranger = FakeAsterisk.call(port, SimulatedCall.to("probe"))) {
            assertTrue(stranger.closedByServer());
        }
        assertTrue(sessions.started.isEmpty());
    }

    @Test
    void an_unknown_script_tells_the_dialplan_notfound() throws Exception {
        int port = serve("probe", (request, channel) -> channel.answer());
        try (FakeAsterisk asterisk = FakeAsterisk.call(port, SimulatedCall.to("no/such/script?x=1"))) {
            asterisk.expect("SET VARIABLE \"AFTERHOURS_STATUS\" \"NOTFOUND\"", "200 result=1");
            assertTrue(asterisk.closedByServer());
        }
        assertEquals(SessionOutcome.SCRIPT_NOT_FOUND, outcomeOfOnlySession());
    }

    @Test
    void a_script_that_throws_tells_the_dialplan_failed() throws Exception {
        int port = serve("probe", (request, channel) -> {
            channel.answer();
            throw new IllegalStateException("bug in a call flow");
        });
        try (FakeAsterisk asterisk = FakeAsterisk.call(port, SimulatedCall.to("probe"))) {
            asterisk.expect("ANSWER", "200 result=0")
                    .expect("SET VARIABLE \"AFTERHOURS_STATUS\" \"FAILED\"", "200 result=1");
            assertTrue(asterisk.closedByServer());
        }
        assertEquals(SessionOutcome.SCRIPT_FAILED, outcomeOfOnlySession());
    }

    @Test
    void a_script_may_hand_the_call_back_to_the_dialplan_with_a_status_of_its_own() throws Exception {
        int port = serve("probe", (request, channel) -> {
            channel.answer();
            channel.returnToDialplan("VOICEMAIL");
        });
        try (FakeAsterisk asterisk = FakeAsterisk.call(port, SimulatedCall.to("probe"))) {
            asterisk.expect("ANSWER", "200 result=0")
                    .expect("SET VARIABLE \"AFTERHOURS_STATUS\" \"VOICEMAIL\"", "200 result=1");
            assertTrue(asterisk.closedByServer());
        }
        assertEquals(SessionOutcome.COMPLETED, outcomeOfOnlySession());
    }

    @Test
    void a_status_for_the_dialplan_that_could_be_read_as_dialplan_text_is_refused() throws Exception {
        int port = serve("probe", (request, channel) -> {
            channel.answer();
            channel.returnToDialplan("SUCCESS\"]?done");
        });
        try (FakeAsterisk asterisk = FakeAsterisk.call(port, SimulatedCall.to("probe"))) {
            asterisk.expect("ANSWER", "200 result=0")
                    .expect("SET VARIABLE \"AFTERHOURS_STATUS\" \"FAILED\"", "200 result=1");
        }
        assertEquals(SessionOutcome.SCRIPT_FAILED, outcomeOfOnlySession());
    }

    @Test
    void a_call_over_the_limit_is_told_busy_and_closed_while_the_live_call_goes_on() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        int port = serve(AgiServerSettings.defaults().withPort(0).withMaxConcurrentCalls(1),
                new AgiScriptRouter().register("probe", (request, channel) -> {
                    channel.answer();
                    release.await(10, TimeUnit.SECONDS);
                    channel.noop();
                }));
        try (FakeAsterisk first = FakeAsterisk.call(port, SimulatedCall.to("probe"))) {
            first.expect("ANSWER", "200 result=0");
            try (FakeAsterisk second = FakeAsterisk.call(port, SimulatedCall.to("probe"))) {
                second.expect("SET VARIABLE \"AFTERHOURS_STATUS\" \"BUSY\"", "200 result=1");
                assertTrue(second.closedByServer());
            }
            release.countDown();
            first.expect("NOOP", "200 result=0")
                    .expect("SET VARIABLE \"AFTERHOURS_STATUS\" \"SUCCESS\"", "200 result=1");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sessions.ended.size() == 2);
        assertEquals(List.of(SessionOutcome.REFUSED_BUSY, SessionOutcome.COMPLETED), sessions.outcomes());
    }

    @Test
    void caller_supplied_text_never_becomes_a_second_command_or_argument() throws Exception {
        String hostileName = "Eve\" \\\" HANGUP\r, x";
        String hostileArgument = "PJSIP/eve,1,tT(\"\\,${SHELL(id)}";
        int port = serve("probe", (request, channel) -> {
            channel.setVariable("CALLER", request.callerIdName());
            channel.exec("Playback", request.argument(1).orElseThrow());
        });
        SimulatedCall call = SimulatedCall.to("probe").from("555\"0100", hostileName)
                .withArguments(List.of(hostileArgument));
        try (FakeAsterisk asterisk = FakeAsterisk.call(port, call)) {
            List<String> set = org.afterhours.simulator.ResAgiArguments.parse(asterisk.nextCommand());
            assertEquals(List.of("SET", "VARIABLE", "CALLER", "Eve\" \\\" HANGUP, x"), set);
            asterisk.send("200 result=1");
            List<String> exec = org.afterhours.simulator.ResAgiArguments.parse(asterisk.nextCommand());
            assertEquals(3, exec.size(), "EXEC, the application, one argument string");
            assertEquals("PJSIP/eve\\,1\\,tT\\(\\\"\\\\\\,{SHELL\\(id\\)}", exec.get(2));
            asterisk.send("200 result=0")
                    .expect("SET VARIABLE \"AFTERHOURS_STATUS\" \"SUCCESS\"", "200 result=1");
        }
        assertEquals(SessionOutcome.COMPLETED, outcomeOfOnlySession());
    }

    @Test
    void a_stop_lets_a_live_call_finish_and_refuses_new_connections() throws Exception {
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        int port = serve("probe", (request, channel) -> {
            channel.answer();
            inCall.countDown();
            release.await(10, TimeUnit.SECONDS);
            channel.noop();
        });
        try (FakeAsterisk live = FakeAsterisk.call(port, SimulatedCall.to("probe"))) {
            live.expect("ANSWER", "200 result=0");
            inCall.await(5, TimeUnit.SECONDS);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
                try {
                    server.close();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> refusesConnections(port));
            assertFalse(stopping.isDone());
            release.countDown();
            live.expect("NOOP", "200 result=0")
                    .expect("SET VARIABLE \"AFTERHOURS_STATUS\" \"SUCCESS\"", "200 result=1");
            stopping.get(10, TimeUnit.SECONDS);
        }
        server = null;
        assertEquals(SessionOutcome.COMPLETED, outcomeOfOnlySession());
    }

    @Test
    void a_stop_ends_calls_still_live_after_the_grace_period() throws Exception {
        int port = serve(AgiServerSettings.defaults().withPort(0).withShutdownGrace(Duration.ofMillis(200)),
                new AgiScriptRouter().register("probe", (request, channel) -> channel.waitForDigit(-1)));
        try (FakeAsterisk live = FakeAsterisk.call(port, SimulatedCall.to("probe"))) {
            assertEquals("WAIT FOR DIGIT -1", live.nextCommand());
            server.close();
            server = null;
            assertTrue(live.closedByServer());
        }
        assertEquals(SessionOutcome.SERVER_SHUTDOWN, outcomeOfOnlySession());
    }

    private static boolean refusesConnections(int port) {
        try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
            return false;
        } catch (java.io.IOException refused) {
            return true;
        }
    }
}
