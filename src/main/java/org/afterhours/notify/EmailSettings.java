package org.afterhours.notify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How email leaves the server.
 *
 * @param security        STARTTLS (port 587), TLS (port 465) or NONE (a relay on the same host, tests)
 * @param user            empty: no login
 * @param password        from the environment only
 * @param recordings      where this server can read the recordings Asterisk writes (the same folder mounted or
 *                        shared), or empty: messages carry the recording's path instead of the file
 * @param maxAttachment   a recording larger than this is not attached
 * @param timeout         for connecting, and for each read and write: a server that hangs fails the send
 */
public record EmailSettings(String host, int port, Security security, String user, String password, String from,
                            Optional<Path> recordings, long maxAttachment, Duration timeout) {
    public enum Security { STARTTLS, TLS, NONE }

    public EmailSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(from, "from");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "smtp " + host + ":" + port + " " + security + (user.isEmpty() ? "" : " as " + user);
    }
}
