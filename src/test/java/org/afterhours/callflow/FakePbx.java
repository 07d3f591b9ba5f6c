package org.afterhours.callflow;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.afterhours.MovableClock;
import org.afterhours.escalation.Dialer;
import org.afterhours.simulator.AsteriskSimulator;
import org.afterhours.simulator.ResAgiResponder;
import org.afterhours.simulator.SimulatedCall;

/**
 * The PBX's outbound side for flow tests: each dial string has a behaviour (rings forever, no answer, busy, fails,
 * or answers and presses keys), and an answered leg runs its screening as Asterisk would, as a FastAGI session of
 * its own against the server ({@code screen?attempt=<leg>}). The AMI layer in between is tested on its own.
 */
final class FakePbx implements Dialer {

    record Phone(RingOutcome rings, String keys) {
        static Phone answersAndPresses(String keys) {
            return new Phone(RingOutcome.ANSWERED, keys);
        }

        static Phone ringsUntilHungUp() {
            return new Phone(null, "");
        }
    }

    /** The time the screening script measures in; moved only as screened phones play prompts (see below). */
    final MovableClock screeningClock = new MovableClock(FlowFixture.NIGHT);
    /**
     * Each answered leg's screening dialogue, by dial string: the commands the server sent. Put there when that
     * session is over, on the leg's own thread: often after the search has moved on, even after the call. Read it
     * through {@link #screeningOf}.
     */
    private final Map<String, List<String>> screenings = new ConcurrentHashMap<>();
    final List<String> dialled = new CopyOnWriteArrayList<>();
    private volatile java.util.function.ToLongFunction<String> screeningCommandMillis = line -> 0;
    final List<String> hungUp = new CopyOnWriteArrayList<>();
    final AtomicBoolean available = new AtomicBoolean(true);
    private final Map<String, Phone> phones = new ConcurrentHashMap<>();
    private volatile int agiPort;

    private volatile String dropAfter;

    /** The manager connection is lost right after {@code dialString} has been rung. */
    void dropAfterDialling(String dialString) {
        dropAfter = dialString;
    }

    /**
     * Screened phones play at real speed: each command of a screening takes as long as {@code millisOf} says, the
     * screening clock moves by it, and Asterisk's auto hang-up fires on that time. By default commands are instant.
     */
    void screeningTakes(java.util.function.ToLongFunction<String> millisOf) {
        this.screeningCommandMillis = millisOf;
    }

    void phone(String dialString, Phone phone) {
        phones.put(dialString, phone);
    }

    void serverPort(int port) {
        this.agiPort = port;
    }

    @Override
    public boolean available() {
        return available.get();
    }

    @Override
    public OutboundLeg dial(LegRequest request) {
        if (!available.get()) {
            throw new DialerUnavailableException("AMI not connected (test)");
        }
        dialled.add(request.dialString());
        if (request.dialString().equals(dropAfter)) {
            available.set(false);
        }
        Phone phone = phones.getOrDefault(request.dialString(), new Phone(RingOutcome.NO_ANSWER, ""));
        FakeLeg leg = new FakeLeg(request);
        Thread.ofVirtual().start(() -> leg.ring(phone));
        return leg;
    }

    /**
     * The commands the server sent in {@code dialString}'s screening, once that session is over (waited for: it ends
     * on the leg's own thread, whatever the caller's side has seen of it).
     */
    List<String> screeningOf(String dialString) {
        return await("the screening of " + dialString + " to end").atMost(Duration.ofSeconds(20))
                .until(() -> screenings.get(dialString), Objects::nonNull);
    }

    boolean ringing(String dialString) {
        return dialled.contains(dialString) && !hungUp.contains(dialString);
    }

    private final class FakeLeg implements OutboundLeg {
        private final LegRequest request;
        private final CompletableFuture<RingOutcome> ringing = new CompletableFuture<>();
        private final CountDownLatch hangup = new CountDownLatch(1);

        FakeLeg(LegRequest request) {
            this.request = request;
        }

        void ring(Phone phone) {
            if (phone.rings() == null) {
                awaitHangup();
                ringing.complete(RingOutcome.CANCELLED);
                return;
            }
            ringing.complete(phone.rings());
            if (phone.rings() == RingOutcome.ANSWERED) {
                screen(phone.keys());
            }
        }

        private void screen(String keys) {
            SimulatedCall call = SimulatedCall.to("screen?attempt=" + request.legId()
                    + "&role=" + request.role().name().toLowerCase(java.util.Locale.ROOT)
                    + "&ref=" + request.reference()).from("", request.callerIdName());
            try {
                AsteriskSimulator.Result screening = new AsteriskSimulator("127.0.0.1", agiPort, Duration.ofSeconds(20))
                        .play(call, new ResAgiResponder(keys, 0).takingTime(screeningCommandMillis,
                                screeningClock::advance), line -> { });
                screenings.put(request.dialString(), screening.commands());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private void awaitHangup() {
            try {
                hangup.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String legId() {
            return request.legId();
        }

        @Override
        public CompletableFuture<RingOutcome> ringing() {
            return ringing;
        }

        @Override
        public void hangup() {
            if (hangup.getCount() > 0) {
                hungUp.add(request.dialString());
                hangup.countDown();
            }
        }
    }
}
