package org.afterhours.simulator;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fake AMI against the recorded session (../shared/asterisk-transcripts/ami.txt), over a raw socket: the same
 * bytes, CRLF and all, for the exchanges the transcript shows; the events of each Originate outcome in the order
 * Asterisk sends them.
 */
@DisplayName("FakeAmi speaks AMI as recorded from Asterisk 22.10.1")
class FakeAmiTest {
    private FakeAmi ami;
    private Socket socket;

    @BeforeEach
    void start() throws IOException {
        ami = new FakeAmi("afterhours", "afterhours-secret")
                .phone("PJSIP/busy", TechnicianBehaviour.busy())
                .phone("PJSIP/nobody", TechnicianBehaviour.neverAnswers())
                .phone("PJSIP/offline", TechnicianBehaviour.congested())
                .phone("PJSIP/alice", TechnicianBehaviour.answers("1"))
                .start();
        socket = new Socket(InetAddress.getLoopbackAddress(), ami.port());
        socket.setSoTimeout(5000);
    }

    @AfterEach
    void stop() throws IOException {
        socket.close();
        ami.close();
    }

    @Test
    void a_wrong_secret_is_refused_and_the_connection_closed() throws IOException {
        assertEquals("Asterisk Call Manager/11.0.0\r\n", readLine());
        send("Action: Login\r\nUsername: afterhours\r\nSecret: wrong\r\nActionID: bad-login\r\n\r\n");
        assertEquals("Response: Error\r\nActionID: bad-login\r\nMessage: Authentication failed\r\n\r\n", readMessage());
        assertEquals(-1, socket.getInputStream().read(), "Asterisk closes the connection after a failed login");
    }

    @Test
    void login_ping_and_logoff_are_answered_byte_for_byte() throws IOException {
        assertEquals("Asterisk Call Manager/11.0.0\r\n", readLine());
        send("Action: Login\r\nUsername: afterhours\r\nSecret: afterhours-secret\r\nActionID: login-1\r\n\r\n");
        assertEquals("Response: Success\r\nActionID: login-1\r\nMessage: Authentication accepted\r\n\r\n",
                readMessage());
        String booted = readMessage();
        assertTrue(booted.startsWith("Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: "), booted);
        assertTrue(booted.endsWith("Status: Fully Booted\r\n\r\n"), booted);

        send("Action: Ping\r\nActionID: ping-1\r\n\r\n");
        String pong = readMessage();
        assertTrue(pong.matches("Response: Success\r\nActionID: ping-1\r\nPing: Pong\r\nTimestamp: \\d+\\.\\d{6}\r\n\r\n"),
                pong);

        send("Action: Logoff\r\nActionID: bye\r\n\r\n");
        assertEquals("Response: Goodbye\r\nActionID: bye\r\nMessage: Thanks for all the fish.\r\n\r\n", readMessage());
        assertEquals(-1, socket.getInputStream().read());
    }

    @Test
    void nothing_but_login_before_login() throws IOException {
        readLine();
        send("Action: Originate\r\nChannel: PJSIP/alice\r\nActionID: early\r\n\r\n");
        assertEquals("Response: Error\r\nActionID: early\r\nMessage: Permission denied\r\n\r\n", readMessage());
        assertEquals(List.of(), ami.events());
    }

    @Test
    void an_md5_challenge_login_is_checked_as_manager_c_does() throws Exception {
        readLine();
        send("Action: Challenge\r\nAuthType: MD5\r\nActionID: c\r\n\r\n");
        String challenge = readMessage();
        assertTrue(challenge.startsWith("Response: Success\r\nActionID: c\r\nChallenge: "), challenge);
        String value = challenge.split("\r\n")[2].substring("Challenge: ".length());
        String key = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                .digest((value + "afterhours-secret").getBytes(StandardCharsets.UTF_8)));
        send("Action: Login\r\nUsername: afterhours\r\nAuthType: MD5\r\nKey: " + key + "\r\nActionID: l\r\n\r\n");
        assertEquals("Response: Success\r\nActionID: l\r\nMessage: Authentication accepted\r\n\r\n", readMessage());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "PJSIP/nobody  | Newchannel OriginateResponse Hangup | Failure | 3 | PJSIP/nobody         | 19",
            "PJSIP/busy    | Newchannel Hangup OriginateResponse | Failure | 5 | PJSIP/busy           | 17",
            "PJSIP/offline | Newchannel Hangup OriginateResponse | Failure | 8 | PJSIP/offline        | 34",
            "PJSIP/unknown | Newchannel Hangup OriginateResponse | Failure | 0 | PJSIP/unknown        | 0",
            "PJSIP/alice   | Newchannel Newstate OriginateResponse Hangup | Success | 4 | PJSIP/alice-00000001 | 16"})
    void each_outcome_sends_its_events_in_asterisks_order(String dial, String order, String response, String reason,
                                                          String channel, String cause) throws IOException {
        login();
        send("Action: Originate\r\nChannel: " + dial + "\r\nContext: afterhours-screen\r\nExten: s\r\nPriority: 1\r\n"
                + "Timeout: 300\r\nCallerID: \"Afterhours 4815\" <9132016503>\r\nAsync: true\r\n"
                + "Variable: AFTERHOURS_REF=4815\r\nChannelId: 4815-1\r\nActionID: orig-1\r\n\r\n");
        assertEquals("Response: Success\r\nActionID: orig-1\r\nMessage: Originate successfully queued\r\n\r\n",
                readMessage());
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < order.split(" ").length - (response.equals("Success") ? 1 : 0); i++) {
            messages.add(readMessage());
        }
        if (response.equals("Success")) {
            // Answered, and (no AGI server here) up until hung up: hang it up by its uniqueid.
            send("Action: Hangup\r\nChannel: 4815-1\r\nActionID: h\r\n\r\n");
            assertEquals("Response: Success\r\nActionID: h\r\nMessage: Channel Hungup\r\n\r\n", readMessage());
            messages.add(readMessage());
        }
        assertEquals(order, String.join(" ", messages.stream().map(m -> m.split("\r\n")[0].substring(7)).toList()));
        String result = messages.stream().filter(m -> m.startsWith("Event: OriginateResponse")).findFirst().orElseThrow();
        assertEquals("Event: OriginateResponse\r\nPrivilege: call,all\r\nActionID: orig-1\r\nResponse: " + response
                + "\r\nChannel: " + channel + "\r\nContext: afterhours-screen\r\nExten: s\r\nReason: " + reason
                + "\r\nUniqueid: 4815-1\r\nCallerIDNum: 9132016503\r\nCallerIDName: Afterhours 4815\r\n\r\n", result);
        String hangup = messages.stream().filter(m -> m.startsWith("Event: Hangup")).findFirst().orElseThrow();
        assertTrue(hangup.contains("\r\nUniqueid: 4815-1\r\nLinkedid: 4815-1\r\nCause: " + cause + "\r\n"), hangup);
    }

    @Test
    void a_ringing_channel_hung_up_by_its_uniqueid_fails_with_reason_0() throws IOException {
        login();
        send("Action: Originate\r\nChannel: PJSIP/nobody\r\nContext: c\r\nExten: s\r\nPriority: 1\r\nTimeout: 60000\r\n"
                + "Async: true\r\nChannelId: 4815-2\r\nActionID: o2\r\n\r\n");
        readMessage();
        assertTrue(readMessage().startsWith("Event: Newchannel\r\n"));
        send("Action: Hangup\r\nChannel: 4815-2\r\nActionID: h2\r\n\r\n");
        assertEquals("Response: Success\r\nActionID: h2\r\nMessage: Channel Hungup\r\n\r\n", readMessage());
        assertTrue(readMessage().contains("Cause: 0\r\nCause-txt: Unknown\r\n"));
        assertTrue(readMessage().contains("Response: Failure\r\nChannel: PJSIP/nobody\r\nContext: c\r\nExten: s\r\n"
                + "Reason: 0\r\nUniqueid: 4815-2\r\n"));
        send("Action: Hangup\r\nChannel: 4815-2\r\nActionID: h3\r\n\r\n");
        assertEquals("Response: Error\r\nActionID: h3\r\nMessage: No such channel\r\n\r\n", readMessage());
        assertEquals(List.of("4815-2", "4815-2"), ami.hangupRequests());
    }

    @Test
    void an_unknown_action_and_a_missing_context_are_refused_in_asterisks_words() throws IOException {
        ami.contexts("afterhours-screen");
        login();
        send("Action: Reload\r\nActionID: r\r\n\r\n");
        assertEquals("Response: Error\r\nActionID: r\r\nMessage: Invalid/unknown command: Reload. Use Action: "
                + "ListCommands to show available commands.\r\n\r\n", readMessage());
        send("Action: Originate\r\nChannel: PJSIP/alice\r\nContext: nowhere\r\nExten: s\r\nPriority: 1\r\n"
                + "Async: true\r\nActionID: o\r\n\r\n");
        assertEquals("Response: Error\r\nActionID: o\r\nMessage: Extension does not exist.\r\n\r\n", readMessage());
    }

    @Test
    void events_go_to_every_logged_in_connection() throws IOException {
        login();
        try (Socket other = new Socket(InetAddress.getLoopbackAddress(), ami.port())) {
            other.getOutputStream().write(("Action: Login\r\nUsername: afterhours\r\nSecret: afterhours-secret\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(5)).until(() -> ami.logins() == 2);
            send("Action: Originate\r\nChannel: PJSIP/busy\r\nContext: c\r\nExten: s\r\nPriority: 1\r\nAsync: true\r\n"
                    + "ActionID: o\r\n\r\n");
            other.setSoTimeout(5000);
            String expected = "Event: Newchannel\r\nPrivilege: call,all\r\nChannel: PJSIP/busy-00000001\r\n";
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[4096];
            int n;
            while (seen.indexOf(expected) < 0 && (n = other.getInputStream().read(buffer)) > 0) {
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            assertTrue(seen.indexOf(expected) >= 0, seen::toString);
        }
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({
            "PJSIP/alice,                        7, PJSIP/alice-00000007",
            "PJSIP/+19135550101@trunk,          10, PJSIP/trunk-0000000a",
            "Local/alice@afterhours-dial/n,      9, Local/alice@afterhours-dial-00000009;1"})
    void channels_are_named_as_asterisk_names_them(String dial, int number, String name) {
        assertEquals(name, FakeAmi.channelName(dial, number));
    }

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', value = {
            "\"Afterhours 4815\" <9132016503> | Afterhours 4815 | 9132016503",
            "Afterhours <9132016503>          | Afterhours      | 9132016503",
            "9132016503                       | ''              | 9132016503",
            "Afterhours                       | Afterhours      | ''"})
    void caller_id_is_read_as_ast_callerid_parse_reads_it(String callerId, String name, String number) {
        assertArrayEquals(new String[] {name, number}, FakeAmi.parseCallerId(callerId));
    }

    private void login() throws IOException {
        readLine();
        send("Action: Login\r\nUsername: afterhours\r\nSecret: afterhours-secret\r\nActionID: login\r\n\r\n");
        readMessage();
        readMessage(); // FullyBooted
    }

    private void send(String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** One CRLF-terminated line, the CRLF included. */
    private String readLine() throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            line.append((char) c);
            if (line.length() >= 2 && line.charAt(line.length() - 2) == '\r' && c == '\n') {
                break;
            }
        }
        return line.toString();
    }

    /** Lines up to and including the empty one. */
    private String readMessage() throws IOException {
        StringBuilder message = new StringBuilder();
        String line;
        do {
            line = readLine();
            message.append(line);
        } while (!line.equals("\r\n") && !line.isEmpty());
        return message.toString();
    }
}
