package org.afterhours.agi.server;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.afterhours.agi.AgiScript;

/** Maps the path of an {@code agi://host:port/path} URL to the script that serves it. */
public final class AgiScriptRouter {
    private final Map<String, AgiScript> scripts = new ConcurrentHashMap<>();

    public AgiScriptRouter register(String path, AgiScript script) {
        String key = normalise(path);
        if (scripts.putIfAbsent(key, script) != null) {
            throw new IllegalArgumentException("a script is already registered for '" + key + "'");
        }
        return this;
    }

    public Optional<AgiScript> find(String path) {
        return Optional.ofNullable(scripts.get(normalise(path)));
    }

    private static String normalise(String path) {
        String p = path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
