package org.afterhours.notify;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.afterhours.ami.AmiClient;
import org.afterhours.ami.AmiSettings;
import org.afterhours.dialout.AmiDialer;
import org.afterhours.dialout.ScreeningDialplan;
import org.afterhours.escalation.MessageCalls;
import org.afterhours.escalation.Notice;
import org.afterhours.escalation.NoticeChannel;
import org.afterhours.escalation.NoticeKind;
import org.afterhours.escalation.Recipient;
import org.afterhours.simulator.FakeAmi;
import org.afterhours.simulator.TechnicianBehaviour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Phone notices through the real AMI dialer against the fake manager interface: answered, or retried later. */
class PhoneChannelTest {
    private static final AmiClient.Timing FAST = new AmiClient.Timing(Duration.ofMillis(50), Duration.ofMillis(200),
            Duration.ofSeconds(5), Duration.ofSeconds(2));
    private static final PhoneChannel.PhoneSettings SETTINGS = new PhoneChannel.PhoneSettings("+19132016503",
            Duration.ofMillis(500));
    private static final ScreeningDialplan DIALPLAN = new ScreeningDialplan(ScreeningDialplan.DEFAULT_CONTEXT,
            () -> "agi://127.0.0.1:4573");

    private final FakeAmi ami = new FakeAmi("afterhours", "secret")
            .phone("PJSIP/alice", TechnicianBehaviour.answers(""))
            .phone("PJSIP/busy", TechnicianBehaviour.busy())
            .phone("PJSIP/nobody", TechnicianBehaviour.neverAnswers());
    private final MessageCalls calls = new MessageCalls();
    private AmiDialer dialer;

    @AfterEach
    void stop() {
        if (dialer != null) {
            dialer.close();
        }
        ami.close();
    }

    private PhoneChannel connected() throws Exception {
        ami.start();
        dialer = AmiDialer.start(new AmiSettings("127.0.0.1", ami.port(), "afterhours", "secret"), FAST,
                DIALPLAN);
        await().atMost(Duration.ofSeconds(10)).until(dialer::available);
        return new PhoneChannel(dialer, calls, SETTINGS);
    }

    private static Notice to(String dial) {
        Recipient person = new Recipient("alice", "Alice", "", dial);
        return Notices.messageKept("/var/spool/asterisk/afterhours/1000200-1.wav", "").to(person, "");
    }

    @Test
    void an_answered_phone_is_a_delivered_notice_and_the_script_knows_what_the_leg_is_about() throws Exception {
        PhoneChannel phone = connected();
        String answer = phone.deliver(to("PJSIP/alice"));
        assertTrue(answer.startsWith("answered (leg 1000200-n1-"), answer);
        FakeAmi.Action originate = ami.actions("Originate").get(0);
        assertEquals("afterhours-message", originate.header("Context"));
        assertEquals("message", originate.variables().get("AFTERHOURS_ROLE"));
        assertEquals("agi://127.0.0.1:4573", originate.variables().get("AFTERHOURS_NODE"), "this node runs the script");
        String leg = originate.variables().get("AFTERHOURS_ATTEMPT");
        MessageCalls.MessageCall call = calls.find(leg).orElseThrow();
        assertEquals(new MessageCalls.MessageCall(leg, "1000200", "alice", "", "19135550123",
                "/var/spool/asterisk/afterhours/1000200-1", true), call);
    }

    @Test
    void busy_and_no_answer_fail_the_delivery_so_it_is_tried_again_and_leave_nothing_behind() throws Exception {
        PhoneChannel phone = connected();
        for (String dial : List.of("PJSIP/busy", "PJSIP/nobody")) {
            NoticeChannel.DeliveryException e = assertThrows(NoticeChannel.DeliveryException.class,
                    () -> phone.deliver(to(dial)));
            assertTrue(e.getMessage().startsWith("alice's phone: "), e.getMessage());
        }
        for (FakeAmi.Action originate : ami.actions("Originate")) {
            assertTrue(calls.find(originate.variables().get("AFTERHOURS_ATTEMPT")).isEmpty());
        }
    }

    @Test
    void with_the_pbx_unreachable_the_delivery_fails_with_the_reason() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        dialer = AmiDialer.start(new AmiSettings("127.0.0.1", closed, "afterhours", "secret"), FAST, DIALPLAN);
        PhoneChannel phone = new PhoneChannel(dialer, calls, SETTINGS);
        NoticeChannel.DeliveryException e = assertThrows(NoticeChannel.DeliveryException.class,
                () -> phone.deliver(to("PJSIP/alice")));
        // Refused at once, or (should the freed port have been taken meanwhile) when the Originate cannot be sent.
        assertTrue(e.getMessage().equals("the PBX's manager interface is not available")
                || e.getMessage().startsWith("cannot place the call: AMI 127.0.0.1:" + closed), e.getMessage());
    }

    @Test
    void only_messages_go_by_phone_and_only_to_people_with_a_number() {
        PhoneChannel phone = new PhoneChannel(null, calls, SETTINGS);
        assertTrue(phone.carries(NoticeKind.MESSAGE_KEPT));
        assertTrue(phone.carries(NoticeKind.MESSAGE_UNACKNOWLEDGED));
        assertFalse(phone.carries(NoticeKind.FOLLOW_UP_OVERDUE));
        assertFalse(phone.reaches(Recipient.address("tickets@example.com")));
        assertEquals("/a/b.c/file", PhoneChannel.withoutExtension("/a/b.c/file"));
        assertEquals("/a/1000200-1", PhoneChannel.withoutExtension("/a/1000200-1.wav"));
    }
}
