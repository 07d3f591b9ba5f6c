package org.afterhours.bench;

import java.util.Arrays;

/** The servers under test, each run in a child JVM of its own by {@link ServerMain}. */
enum ServerKind {
    AFTERHOURS("afterhours", "afterhours (netty + virtual threads)"),
    ASTERISK_JAVA_DEFAULT("asterisk-java-default", "asterisk-java DefaultAgiServer, default pool (max 500)"),
    ASTERISK_JAVA_10K("asterisk-java-10000", "asterisk-java DefaultAgiServer, pool max 10,000"),
    NETTY_CEILING("netty-ceiling", "netty responder (ceiling: loopback + generator)"),
    /** Scenario (f) only: pool max 10,000 serving {@link AsteriskJavaHeldScript}, issue 15's 5-command call. */
    ASTERISK_JAVA_HELD("asterisk-java-10000-held", "asterisk-java DefaultAgiServer, pool max 10,000, 5-command call");

    final String id;
    final String description;

    ServerKind(String id, String description) {
        this.id = id;
        this.description = description;
    }

    static ServerKind byId(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown server '" + id + "'; one of "
                        + Arrays.stream(values()).map(k -> k.id).toList()));
    }
}
