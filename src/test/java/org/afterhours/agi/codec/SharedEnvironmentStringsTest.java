package org.afterhours.agi.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.afterhours.agi.AgiRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SharedEnvironmentStrings: held calls keep one copy of what every environment repeats")
class SharedEnvironmentStringsTest {

    /** Two calls' environments as Asterisk sends them, each line a new string as the network gives it. */
    private static AgiRequest call(String channel, String callerId) throws AgiProtocolException {
        AgiEnvironmentParser parser = new AgiEnvironmentParser(200, 16_384);
        for (String line : AgiEnvironmentParserTest.TRANSCRIPT_BLOCK) {
            String fresh = new String(line.toCharArray());
            if (fresh.startsWith("agi_channel: ")) {
                fresh = "agi_channel: " + channel;
            } else if (fresh.startsWith("agi_callerid: ")) {
                fresh = "agi_callerid: " + callerId;
            }
            parser.read(fresh);
        }
        parser.read("");
        return parser.request();
    }

    private static String key(AgiRequest request, String name) {
        return request.environment().keySet().stream().filter(name::equals).findFirst().orElseThrow();
    }

    @Test
    void two_calls_share_the_names_and_the_values_that_repeat_from_call_to_call() throws Exception {
        AgiRequest first = call("Local/s@caller-00000001;1", "19135550101");
        AgiRequest second = call("Local/s@caller-00000002;1", "19135550102");

        for (String name : List.of("agi_version", "agi_type", "agi_context", "agi_network_script", "agi_channel")) {
            assertSame(key(first, name), key(second, name), name + ": one copy of the name");
        }
        for (String name : List.of("agi_version", "agi_type", "agi_context", "agi_request", "agi_language")) {
            assertSame(first.variable(name), second.variable(name), name + ": one copy of its value");
        }
    }

    @Test
    void what_differs_per_call_is_kept_per_call_and_read_back_unchanged() throws Exception {
        AgiRequest first = call("Local/s@caller-00000001;1", "19135550101");
        AgiRequest second = call("Local/s@caller-00000001;1", "19135550101");

        assertNotSame(first.channelName(), second.channelName(), "a channel name is never put in the table");
        assertNotSame(first.variable("agi_callerid"), second.variable("agi_callerid"),
                "caller ID comes from the caller: never put in the table");
        assertEquals("19135550101", second.callerIdNumber());
        assertEquals("Local/s@caller-00000001;1", second.channelName());
        assertEquals("22.10.1", second.variable("agi_version"));
    }

    @Test
    void a_peer_sending_ever_new_values_fills_the_table_only_to_its_limit() {
        SharedEnvironmentStrings strings = new SharedEnvironmentStrings(10);
        for (int i = 0; i < 1_000; i++) {
            String value = "context-" + i;
            assertEquals(value, strings.value("agi_context", value), "every value is read back as sent");
        }
        assertEquals(10, strings.sharedValues());

        String once = new String("context-3".toCharArray());
        assertSame(strings.value("agi_context", "context-3"), strings.value("agi_context", once),
                "what the table holds is still shared");
    }

    @Test
    void long_values_and_names_res_agi_never_sends_are_kept_as_they_came() {
        SharedEnvironmentStrings strings = new SharedEnvironmentStrings(10);
        String longValue = "x".repeat(SharedEnvironmentStrings.MAX_SHARED_VALUE_LENGTH + 1);
        assertSame(longValue, strings.value("agi_context", longValue));
        assertEquals(0, strings.sharedValues());

        String unknownName = new String("agi_made_up".toCharArray());
        assertSame(unknownName, strings.name(unknownName));
    }
}
