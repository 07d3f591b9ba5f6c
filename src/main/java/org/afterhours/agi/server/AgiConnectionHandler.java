package org.afterhours.agi.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.afterhours.agi.AgiHangupException;
import org.afterhours.agi.AgiRequest;
import org.afterhours.agi.codec.AgiCommands;
import org.afterhours.agi.codec.AgiEnvironmentParser;
import org.afterhours.agi.codec.AgiInbound;
import org.afterhours.agi.codec.AgiProtocolException;
import org.afterhours.agi.codec.AgiReplyReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One FastAGI connection on its netty event loop: reads the environment, admits the call (or tells it BUSY), then
 * passes every reply line to the call's virtual thread. It never runs call logic and never blocks.
 */
final class AgiConnectionHandler extends SimpleChannelInboundHandler<String> {
    private static final Logger log = LoggerFactory.getLogger(AgiConnectionHandler.class);

    private static final long ENVIRONMENT_TIMEOUT_SECONDS = 10;

    private enum Phase { ENVIRONMENT, CALL, REFUSING, ABANDONED }

    private final AgiServerSettings settings;
    private final AgiScriptRouter router;
    private final SessionListener listener;
    private final CallAdmission admission;
    private final ThreadFactory callThreads;
    private final Clock clock;
    /** Null once the call starts: the request keeps its own copy for the call's life, this one would double it. */
    private AgiEnvironmentParser environment;
    private final AgiReplyReader replies = new AgiReplyReader();
    private final ReplyMailbox mailbox = new ReplyMailbox();
    private Phase phase = Phase.ENVIRONMENT;
    private String remote = "?";
    private ScheduledFuture<?> environmentDeadline;

    AgiConnectionHandler(AgiServerSettings settings, AgiScriptRouter router, SessionListener listener,
                         CallAdmission admission, ThreadFactory callThreads, Clock clock) {
        this.settings = settings;
        this.router = router;
        this.listener = listener;
        this.admission = admission;
        this.callThreads = callThreads;
        this.clock = clock;
        this.environment = new AgiEnvironmentParser(settings.maxEnvironmentLines(), settings.maxEnvironmentBytes());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        remote = describe(ctx.channel().remoteAddress());
        // Asterisk sends the whole environment at once; a peer that trickles it is holding a socket hostage.
        environmentDeadline = ctx.executor().schedule(() -> {
            if ((phase == Phase.ENVIRONMENT || phase == Phase.REFUSING) && ctx.channel().isActive()) {
                abandon(ctx, "no complete environment within " + ENVIRONMENT_TIMEOUT_SECONDS + " s");
            }
        }, ENVIRONMENT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        try {
            switch (phase) {
                case ENVIRONMENT -> {
                    if (environment.read(line)) {
                        AgiRequest request = environment.request();
                        environment = null;
                        startCall(ctx, request);
                    }
                }
                case CALL -> readReply(ctx, line);
                case REFUSING -> ctx.close(); // the answer to our SET VARIABLE: the dialplan knows, we are done
                case ABANDONED -> { } // lines already framed before we closed: nobody is listening
            }
        } catch (AgiProtocolException malformed) {
            abandon(ctx, "malformed line from Asterisk: " + malformed.getMessage());
        }
    }

    private void startCall(ChannelHandlerContext ctx, AgiRequest request) {
        AgiSessionInfo info = new AgiSessionInfo(UUID.randomUUID().toString(), request, remote, clock.instant());
        if (!admission.tryAdmit()) {
            refuse(ctx, info); // the deadline stays: a peer that never answers our BUSY is closed by it
            return;
        }
        cancelEnvironmentDeadline(); // else the timer would keep this call's objects alive for 10 s after it ends
        phase = Phase.CALL;
        SessionChannel channel = new SessionChannel(ctx.channel(), mailbox, info.id());
        CallSession session = new CallSession(info, channel, router.find(request.scriptPath()),
                settings.statusVariable(), listener, clock, () -> {
                    ctx.close();
                    admission.release();
                });
        log.debug("[{}] call from {} for '{}'", info.id(), remote, CallSession.printable(request.scriptPath()));
        callThreads.newThread(session).start();
    }

    /** Over the limit or stopping: tell the dialplan BUSY so it falls back, and hang up the socket at once. */
    private void refuse(ChannelHandlerContext ctx, AgiSessionInfo info) {
        phase = Phase.REFUSING;
        String why = admission.isClosed() ? "server is stopping" : "at the limit of " + settings.maxConcurrentCalls()
                + " concurrent calls";
        log.warn("[{}] refused call from {} ({}): dialplan told {}", info.id(), remote, why, SessionStatus.BUSY);
        ctx.writeAndFlush(AgiCommands.setVariable(settings.statusVariable(), SessionStatus.BUSY.name()).line() + "\n");
        try {
            listener.sessionStarted(info);
            listener.sessionEnded(info, clock.instant(), SessionOutcome.REFUSED_BUSY, why);
        } catch (RuntimeException e) {
            log.error("[{}] session listener failed", info.id(), e);
        }
    }

    private void readReply(ChannelHandlerContext ctx, String line) throws AgiProtocolException {
        AgiInbound inbound = replies.read(line);
        if (inbound instanceof AgiInbound.HangupNotice) {
            mailbox.hangupNotice();
        } else if (inbound instanceof AgiInbound.Reply reply && !mailbox.deliver(reply.reply())) {
            throw new AgiProtocolException("reply with no command waiting for it");
        }
    }

    private void cancelEnvironmentDeadline() {
        if (environmentDeadline != null) {
            environmentDeadline.cancel(false);
            environmentDeadline = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelEnvironmentDeadline();
        mailbox.close(AgiHangupException.Cause.CONNECTION_CLOSED, "connection closed");
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            abandon(ctx, "line longer than " + settings.maxLineLength() + " bytes");
        } else {
            abandon(ctx, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    /** Closes this connection only, with the reason in the log; the call thread, if any, sees PROTOCOL_ERROR. */
    void abandon(ChannelHandlerContext ctx, String reason) {
        if (phase == Phase.ABANDONED) {
            return;
        }
        phase = Phase.ABANDONED;
        log.warn("closing AGI connection from {}: {}", remote, reason);
        mailbox.close(AgiHangupException.Cause.PROTOCOL_ERROR, reason);
        ctx.close();
    }

    /** The server is stopping and the grace period is over. */
    void shutdown(Channel connection) {
        mailbox.close(AgiHangupException.Cause.SERVER_SHUTDOWN, "server stopped");
        connection.close();
    }

    private static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress().getHostAddress() + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }
}
