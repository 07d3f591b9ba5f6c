package org.afterhours.callflow;

import static org.afterhours.calllog.CallEventType.ATTEMPT_ANSWERED;
import static org.afterhours.calllog.CallEventType.ATTEMPT_ENDED;
import static org.afterhours.calllog.CallEventType.ATTEMPT_STARTED;
import static org.afterhours.calllog.CallEventType.CONNECTED;
import static org.afterhours.calllog.CallEventType.CONVERSATION_ENDED;
import static org.afterhours.calllog.CallEventType.ESCALATION_ENDED;
import static org.afterhours.calllog.CallEventType.ESCALATION_STARTED;
import static org.afterhours.calllog.CallEventType.MANAGER_ALERTED;
import static org.afterhours.calllog.CallEventType.MANAGER_JOINED;
import static org.afterhours.calllog.CallEventType.TECHNICIAN_ACCEPTED;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.afterhours.calllog.CallEvent;
import org.afterhours.calllog.CallEventType;
import org.afterhours.escalation.Dialer.RingOutcome;
import org.afterhours.oncall.DaytimeRouting;
import org.afterhours.simulator.AsteriskSimulator;
import org.afterhours.simulator.ResAgiResponder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An emergency caller reaches a person: alice is on call, bob second, then the Hosted Administrator (hanna) and the
 * Support Manager (sam). Each phone is a fake that answers and presses keys (or not); the screening runs as a real
 * FastAGI session of its own, as on Asterisk.
 */
@Tag("clock")
class ReachingATechnicianTest {
    /** What the escalation writes, on a thread of its own, one after the other. */
    private static final Set<CallEventType> ESCALATIONS_OWN_STORY = Set.of(ESCALATION_STARTED, ATTEMPT_STARTED,
            ATTEMPT_ANSWERED, ATTEMPT_ENDED, TECHNICIAN_ACCEPTED, ESCALATION_ENDED);
    /** A technician accepts, then the caller's side connects the caller. */
    private static final Set<CallEventType> ACCEPTED_THEN_CONNECTED = Set.of(TECHNICIAN_ACCEPTED, CONNECTED,
            CONVERSATION_ENDED);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path journalDirectory;
    private final FakePbx pbx = new FakePbx();
    private FlowFixture line;

    @BeforeEach
    void start() throws InterruptedException {
        line = new FlowFixture(journalDirectory, FlowFixture.NIGHT, DaytimeRouting.TRANSFER, pbx);
    }

    @AfterEach
    void stop() throws InterruptedException {
        line.close();
    }

    /** "who: what" for each attempt's end, in order. */
    private List<String> attempts() throws InterruptedException {
        return line.events().stream().filter(e -> e.type() == ATTEMPT_ENDED)
                .map(e -> e.attribute("person") + ": " + e.attribute("outcome")).toList();
    }

    /** The events of these types, in the order the journal has them. */
    private List<CallEventType> story(Set<CallEventType> types) throws InterruptedException {
        return line.types().stream().filter(types::contains).toList();
    }

    private List<CallEventType> typesNow() {
        try {
            return line.types();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private CallEvent last(CallEventType type) throws InterruptedException {
        return line.events().stream().filter(e -> e.type() == type).reduce((a, b) -> b).orElseThrow();
    }

    /**
     * The escalation's last event, waited for: the escalation's thread writes it just after the caller's side can
     * see the outcome, so it may come after the caller is connected, or after the call is over. Everything else the
     * escalation writes comes before it.
     */
    private CallEvent escalationEnded() {
        return await("the escalation's last event").atMost(WAIT).until(
                () -> line.events().stream().filter(e -> e.type() == ESCALATION_ENDED).reduce((a, b) -> b)
                        .orElse(null), Objects::nonNull);
    }

    @Test
    void the_technician_on_call_accepts_and_is_connected_and_managers_are_alerted() throws Exception {
        pbx.phone("PJSIP/alice", FakePbx.Phone.answersAndPresses("1"));
        pbx.phone("PJSIP/hanna", FakePbx.Phone.answersAndPresses("1"));
        pbx.phone("PJSIP/sam", FakePbx.Phone.answersAndPresses(""));

        AsteriskSimulator.Result call = line.call(new ResAgiResponder("1", 0).withSounds(FlowFixture::shippedSound)
                .bridgeLastingUntil(() -> typesNow().contains(MANAGER_JOINED))); // they talk until hanna joins

        assertEquals("ACCEPTED", escalationEnded().attribute("outcome"));
        assertEquals(List.of(ESCALATION_STARTED, ATTEMPT_STARTED, ATTEMPT_ANSWERED, ATTEMPT_ENDED,
                TECHNICIAN_ACCEPTED, ESCALATION_ENDED), story(ESCALATIONS_OWN_STORY));
        assertEquals(List.of(TECHNICIAN_ACCEPTED, CONNECTED, CONVERSATION_ENDED), story(ACCEPTED_THEN_CONNECTED));
        assertEquals(List.of("alice: ACCEPTED"), attempts());
        assertEquals("alice", last(TECHNICIAN_ACCEPTED).attribute("person"));
        String reference = line.reference().digits();
        assertTrue(call.commands().contains("EXEC ConfBridge \"" + reference + ",afterhours_bridge,afterhours_caller\""),
                String.join("\n", call.commands()));
        assertEquals("CONNECTED", last(CallEventType.CALL_ENDED).attribute("outcome"));
        await().atMost(Duration.ofSeconds(10)).until(() -> line.types().contains(MANAGER_JOINED)
                && line.types().stream().filter(t -> t == MANAGER_ALERTED).count() == 2);
        assertEquals("hanna", last(MANAGER_JOINED).attribute("person"));
        // Their written alert goes out from the due table (followup's AlertNoticesTest).
        assertEquals(List.of("PJSIP/alice", "PJSIP/hanna", "PJSIP/sam"), pbx.dialled.stream().sorted().toList());
        assertTrue(pbx.screeningOf("PJSIP/sam").contains("STREAM FILE \"afterhours/alert-a-technician\" \"1\""));
        assertTrue(Stream.of("PJSIP/alice", "PJSIP/hanna", "PJSIP/sam").map(pbx::screeningOf).flatMap(List::stream)
                .noneMatch(c -> c.contains("afterhours/lines/") || c.contains("afterhours/people/")),
                "no line's name nor person's name was rendered: none is asked of Asterisk");
    }

    @Test
    void the_first_phone_rings_before_the_caller_hears_the_reference() throws Exception {
        pbx.phone("PJSIP/alice", FakePbx.Phone.answersAndPresses("1"));
        List<String> heardBeforeTheFirstRing = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean rangBeforeTheReference = new java.util.concurrent.atomic.AtomicBoolean();

        line.call("afterhours?line=main", new ResAgiResponder("1", 0).withSounds(FlowFixture::shippedSound),
                dialogueLine -> {
                    if (dialogueLine.startsWith("> SAY DIGITS") && heardBeforeTheFirstRing.isEmpty()) {
                        // Asterisk is about to read the reference: the escalation, on a thread of its own, has
                        // dialled by now or soon (before the fix it dials only after the reference, so never here).
                        rangBeforeTheReference.set(pbxDialsWithin(Duration.ofSeconds(5)));
                        heardBeforeTheFirstRing.add(dialogueLine);
                    }
                });

        assertTrue(rangBeforeTheReference.get(), "alice's phone rang only after the caller heard the reference");
        assertEquals(List.of("alice: ACCEPTED"), attempts());
        assertEquals("CONNECTED", last(CallEventType.CALL_ENDED).attribute("outcome"));
    }

    @Test
    void a_technician_who_accepts_before_the_reference_is_read_twice_is_not_kept_waiting() throws Exception {
        pbx.phone("PJSIP/alice", FakePbx.Phone.answersAndPresses("1"));

        AsteriskSimulator.Result call = line.call("afterhours?line=main",
                new ResAgiResponder("1", 0).withSounds(FlowFixture::shippedSound), dialogueLine -> {
                    if (dialogueLine.startsWith("> SAY DIGITS")) {
                        // The caller hears the reference while alice accepts. TECHNICIAN_ACCEPTED is written before
                        // the search's state says so; ESCALATION_ENDED after it: from then on the caller's side knows.
                        await().atMost(WAIT).until(() -> typesNow().containsAll(
                                List.of(TECHNICIAN_ACCEPTED, ESCALATION_ENDED)));
                    }
                });

        String reference = line.reference().digits();
        assertEquals(1, call.commands().stream().filter(c -> c.equals("SAY DIGITS \"" + reference + "\" \"\"")).count(),
                String.join("\n", call.commands()));
        assertTrue(call.commands().contains("EXEC ConfBridge \"" + reference + ",afterhours_bridge,afterhours_caller\""));
        assertTrue(line.events().stream().anyMatch(e -> e.type() == CallEventType.REFERENCE_READ));
    }

    /** Whether the fake PBX has been asked to dial within {@code max} (no sleep: returns as soon as it has). */
    private boolean pbxDialsWithin(Duration max) {
        try {
            await().atMost(max).until(() -> !pbx.dialled.isEmpty());
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    @Test
    void no_answer_from_the_first_then_the_second_accepts() throws Exception {
        pbx.phone("PJSIP/alice", new FakePbx.Phone(RingOutcome.NO_ANSWER, ""));
        pbx.phone("PJSIP/bob", FakePbx.Phone.answersAndPresses("1"));

        line.call("1", 0);

        assertEquals(List.of("alice: NO_ANSWER", "bob: ACCEPTED"), attempts());
        assertEquals("bob", last(TECHNICIAN_ACCEPTED).attribute("person"));
    }

    @Test
    void a_voicemail_that_picks_up_never_takes_the_call() throws Exception {
        pbx.phone("PJSIP/alice", FakePbx.Phone.answersAndPresses("")); // answers, presses nothing
        pbx.phone("PJSIP/bob", FakePbx.Phone.answersAndPresses("1"));

        line.call("1", 0);

        assertEquals(List.of("alice: VOICEMAIL_OR_NO_KEY", "bob: ACCEPTED"), attempts());
    }

    @Test
    void the_screening_time_bounds_a_silent_answer_prompts_included_then_the_next_person_is_rung() throws Exception {
        // As on a real Asterisk, each screening prompt plays for seconds; the fixture's screening time is 4 s.
        pbx.screeningTakes(command -> command.startsWith("STREAM FILE") || command.startsWith("SAY DIGITS") ? 3000
                : command.startsWith("WAIT FOR DIGIT") ? Long.parseLong(command.substring(15)) : 0);
        pbx.phone("PJSIP/alice", FakePbx.Phone.answersAndPresses("")); // a voicemail greeting that listens
        pbx.phone("PJSIP/bob", FakePbx.Phone.answersAndPresses("1"));

        line.call("1", 0);

        assertEquals(List.of("alice: VOICEMAIL_OR_NO_KEY", "bob: ACCEPTED"), attempts());
        // Asterisk hangs alice's leg up 4 s after the answer, in the middle of the second prompt; nothing follows.
        List<String> alice = pbx.screeningOf("PJSIP/alice");
        assertEquals(List.of("ANSWER", "SET AUTOHANGUP 4", "STREAM FILE \"afterhours/screen-emergency\" \"12\"",
                "STREAM FILE \"afterhours/screen-reference\" \"12\""), alice.subList(0, 4));
        // NOOP: the server asks whether the failed prompt was a hang-up (it was) rather than a missing file.
        assertTrue(alice.subList(4, alice.size()).stream().allMatch(c -> c.equals("NOOP")
                || c.startsWith("SET VARIABLE")), "" + alice);
        assertFalse(line.types().contains(CallEventType.PROMPT_FAILED), "the prompt was cut, no file is missing");
        List<String> bob = pbx.screeningOf("PJSIP/bob");
        assertTrue(bob.indexOf("SET AUTOHANGUP 0") >= 0
                && bob.indexOf("SET AUTOHANGUP 0") < bob.indexOf("SET VARIABLE \"AFTERHOURS_SCREEN\" \"ACCEPTED\""),
                "the accepted leg's hang-up is cancelled before it is sent to the caller: " + bob);
    }

    @Test
    void a_decline_or_a_busy_phone_goes_on_to_the_next_person() throws Exception {
        pbx.phone("PJSIP/alice", FakePbx.Phone.answersAndPresses("2"));
        pbx.phone("PJSIP/bob", new FakePbx.Phone(RingOutcome.BUSY, ""));
        pbx.phone("PJSIP/hanna", FakePbx.Phone.answersAndPresses("1"));

        line.call("1", 0);

        assertEquals(List.of("alice: DECLINED", "bob: BUSY", "hanna: ACCEPTED"), attempts());
        assertEquals(List.of("2", "", "1"), line.events().stream().filter(e -> e.type() == ATTEMPT_ENDED)
                .map(e -> e.attribute("key")).toList(), "the key each one pressed, for call_attempt.key_pressed");
    }

    @Test
    void a_technician_who_declines_hears_it_confirmed_and_is_not_rung_again_for_that_call(@TempDir Path journal)
            throws Exception {
        line.close();
        line = new FlowFixture(journal, FlowFixture.NIGHT, DaytimeRouting.TRANSFER, pbx, FlowSettings.defaults(),
                OptionalPrompts.NONE, 2); // alice's step would ring her twice
        pbx.phone("PJSIP/alice", FakePbx.Phone.answersAndPresses("2"));
        pbx.phone("PJSIP/bob", FakePbx.Phone.answersAndPresses("1"));

        line.call("1", 0);

        assertEquals(List.of("alice: DECLINED", "bob: ACCEPTED"), attempts());
        assertEquals(1, pbx.dialled.stream().filter("PJSIP/alice"::equals).count(), "alice rung once: " + pbx.dialled);
        List<String> alice = pbx.screeningOf("PJSIP/alice");
        assertTrue(alice.contains("STREAM FILE \"afterhours/screen-declined\" \"\""), "" + alice);
        assertFalse(pbx.hungUp.contains("PJSIP/alice"),
                "the server does not hang up a declined leg under its confirmation; the dialplan does after it");
    }

    @Test
    void prompts_heard_on_a_screened_phone_are_never_listed_as_heard_by_the_caller() throws Exception {
        pbx.phone("PJSIP/alice", FakePbx.Phone.answersAndPresses("1"));

        line.call("1", 0);

        List<CallEvent> prompts = line.events().stream().filter(e -> e.type() == CallEventType.PROMPT_PLAYED)
                .toList();
        String leg = line.events().stream().filter(e -> e.type() == ATTEMPT_STARTED).findFirst().orElseThrow()
                .attribute("leg");
        assertTrue(prompts.stream().filter(e -> leg.equals(e.attribute("leg")))
                .anyMatch(e -> e.attribute("prompt").contains("afterhours/screen-emergency")),
                "alice's screening prompts are recorded under her leg: " + prompts);
        assertTrue(prompts.stream().filter(e -> e.attribute("leg").isEmpty())
                .noneMatch(e -> e.attribute("prompt").contains("afterhours/screen-")),
                "the caller's prompts hold none of a phone's: " + prompts);
    }

    @Test
    void when_everybody_fails_the_caller_leaves_an_urgent_message_and_the_managers_are_told() throws Exception {
        line.call("1#1", 0); // nobody answers anywhere; '#' ends the message, 1 keeps it

        assertEquals("NOBODY_ACCEPTED", escalationEnded().attribute("outcome"));
        assertEquals(List.of("alice: NO_ANSWER", "bob: NO_ANSWER", "hanna: NO_ANSWER", "sam: NO_ANSWER"), attempts());
        assertEquals("true", last(CallEventType.VOICEMAIL_KEPT).attribute("urgent"));
        assertEquals("URGENT_VOICEMAIL", last(CallEventType.CALL_ENDED).attribute("outcome"));
        await().atMost(Duration.ofSeconds(10)).until(() -> line.types().stream()
                .filter(t -> t == MANAGER_ALERTED).count() == 2);
        assertEquals("nobody-accepted", last(MANAGER_ALERTED).attribute("reason"));
    }

    @Test
    void a_caller_who_hangs_up_while_the_second_rings_has_that_ring_cancelled() throws Exception {
        pbx.phone("PJSIP/alice", new FakePbx.Phone(RingOutcome.NO_ANSWER, ""));
        pbx.phone("PJSIP/bob", FakePbx.Phone.ringsUntilHungUp());

        line.call(new ResAgiResponder("1", 0).withSounds(FlowFixture::shippedSound)
                .hangingUpWhen(() -> pbx.ringing("PJSIP/bob")));

        await().atMost(WAIT).until(() -> pbx.hungUp.contains("PJSIP/bob"));
        assertEquals("CANCELLED", escalationEnded().attribute("outcome"));
        assertEquals(List.of("alice: NO_ANSWER", "bob: CANCELLED"), attempts());
        // Phones ring while the reference is read: the caller may hang up during either.
        assertTrue(Set.of("REFERENCE", "REACHING_TECHNICIAN").contains(last(CallEventType.CALLER_HUNG_UP)
                .attribute("step")), last(CallEventType.CALLER_HUNG_UP).toString());
    }

    @Test
    void a_caller_may_press_1_while_holding_to_leave_a_message_instead() throws Exception {
        pbx.phone("PJSIP/alice", FakePbx.Phone.ringsUntilHungUp());

        line.call(new ResAgiResponder("1", 0).withSounds(FlowFixture::shippedSound)
                .pressingWhen(() -> pbx.ringing("PJSIP/alice"), "1#1"));

        // Cancelled from the caller's side; the escalation hangs up, and ends, on its own thread.
        assertEquals("CANCELLED", escalationEnded().attribute("outcome"));
        assertEquals(List.of("alice: CANCELLED"), attempts());
        assertTrue(pbx.hungUp.contains("PJSIP/alice"));
        assertEquals("true", last(CallEventType.VOICEMAIL_KEPT).attribute("urgent"));
    }

    @Test
    void with_the_pbx_manager_interface_down_the_caller_goes_straight_to_an_urgent_message() throws Exception {
        pbx.available.set(false);

        line.call("1#1", 0);

        assertEquals("UNAVAILABLE", last(ESCALATION_ENDED).attribute("outcome"));
        assertTrue(pbx.dialled.isEmpty());
        assertEquals("URGENT_VOICEMAIL", last(CallEventType.CALL_ENDED).attribute("outcome"));
    }

    @Test
    void when_the_pbx_manager_interface_drops_during_the_search_the_caller_leaves_an_urgent_message()
            throws Exception {
        pbx.phone("PJSIP/alice", new FakePbx.Phone(RingOutcome.NO_ANSWER, ""));
        pbx.dropAfterDialling("PJSIP/alice");

        line.call("1#1", 0);

        assertEquals("UNAVAILABLE", escalationEnded().attribute("outcome"));
        assertEquals(List.of("alice: NO_ANSWER", "bob: FAILED"), attempts());
        assertEquals("URGENT_VOICEMAIL", last(CallEventType.CALL_ENDED).attribute("outcome"));
    }

    @Test
    void two_emergencies_at_once_never_ring_the_same_technician_twice() throws Exception {
        pbx.phone("PJSIP/alice", FakePbx.Phone.ringsUntilHungUp()); // busy with the first emergency
        pbx.phone("PJSIP/bob", FakePbx.Phone.answersAndPresses("1"));
        CompletableFuture<AsteriskSimulator.Result> first = CompletableFuture.supplyAsync(() -> call("1", () -> false),
                Executors.newVirtualThreadPerTaskExecutor());
        await().atMost(Duration.ofSeconds(10)).until(() -> pbx.ringing("PJSIP/alice"));

        call("1", () -> false); // the second emergency: alice is engaged, bob takes it

        List<CallEvent> skipped = line.events().stream().filter(e -> e.type() == ATTEMPT_ENDED
                && e.attribute("outcome").equals("SKIPPED_ENGAGED")).toList();
        assertEquals(1, skipped.size());
        assertEquals("alice", skipped.get(0).attribute("person"));
        Set<String> acceptedBy = line.events().stream().filter(e -> e.type() == TECHNICIAN_ACCEPTED)
                .map(e -> e.attribute("person")).collect(Collectors.toSet());
        assertEquals(Set.of("bob"), acceptedBy);
        first.cancel(true);
    }

    private AsteriskSimulator.Result call(String keys, java.util.function.BooleanSupplier hangUpWhen) {
        try {
            return line.call(new ResAgiResponder(keys, 0).withSounds(FlowFixture::shippedSound)
                    .hangingUpWhen(hangUpWhen));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
