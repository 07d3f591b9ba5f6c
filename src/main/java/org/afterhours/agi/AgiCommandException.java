package org.afterhours.agi;

/**
 * Asterisk refused a command as written ({@code 510} unknown command, {@code 520} bad syntax). This is a bug in the
 * script or in our command builder, never something a caller can cause.
 */
public final class AgiCommandException extends AgiException {
    private final String command;
    private final AgiReply reply;

    public AgiCommandException(String command, AgiReply reply) {
        super("Asterisk refused '" + command + "': " + reply.code() + " " + reply.message());
        this.command = command;
        this.reply = reply;
    }

    public String command() {
        return command;
    }

    public AgiReply reply() {
        return reply;
    }
}
