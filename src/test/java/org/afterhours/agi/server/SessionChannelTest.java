package org.afterhours.agi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.afterhours.agi.AgiHangupException;
import org.afterhours.agi.Playback;
import org.afterhours.agi.codec.AgiInbound;
import org.afterhours.agi.codec.AgiReplyReader;
import org.junit.jupiter.api.Test;

/**
 * What a command's reply means when Asterisk's HANGUP line arrives around it. The netty thread may read both lines
 * before the call's thread wakes (it often does on a loaded machine): only the order in which Asterisk wrote them
 * decides, never how late the call's thread reads them.
 */
class SessionChannelTest {
    private final ReplyMailbox mailbox = new ReplyMailbox();
    private final List<String> written = new ArrayList<>();

    /** A connection on which Asterisk writes {@code lines} (replies, or "HANGUP") the moment a command is sent. */
    private SessionChannel connectionAnswering(String... lines) {
        EmbeddedChannel connection = new EmbeddedChannel(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object command, ChannelPromise promise) throws Exception {
                written.add(command.toString().strip());
                AgiReplyReader reader = new AgiReplyReader();
                for (String line : lines) {
                    AgiInbound inbound = reader.read(line);
                    if (inbound instanceof AgiInbound.Reply reply) {
                        mailbox.deliver(reply.reply());
                    } else {
                        mailbox.hangupNotice();
                    }
                }
                promise.setSuccess();
            }
        });
        return new SessionChannel(connection, mailbox, "test");
    }

    @Test
    void a_reply_written_before_the_hangup_line_is_the_live_channels_answer_and_the_next_command_learns_of_the_hangup() {
        SessionChannel channel = connectionAnswering("200 result=49 endpos=8000", "HANGUP");

        Playback heard = channel.streamFile("menu", "12");

        assertEquals('1', heard.key().orElseThrow());
        AgiHangupException next = assertThrows(AgiHangupException.class, () -> channel.streamFile("more", ""));
        assertEquals(AgiHangupException.Cause.CALLER_HUNG_UP, next.hangupCause());
        assertEquals(1, written.size(), "nothing is sent to a channel known to be gone: " + written);
    }

    @Test
    void a_reply_written_after_the_hangup_line_answered_a_dead_channel() {
        SessionChannel channel = connectionAnswering("HANGUP", "200 result=0 endpos=0");

        AgiHangupException gone = assertThrows(AgiHangupException.class, () -> channel.streamFile("menu", ""));

        assertEquals(AgiHangupException.Cause.CALLER_HUNG_UP, gone.hangupCause());
        assertTrue(channel.callerHungUp());
    }
}
