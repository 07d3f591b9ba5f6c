package org.afterhours.oncall;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One mapping of an import file's tree (maps, lists, scalars as a YAML or JSON parser yields them) read with
 * its path, so every problem names the field: {@code rotations[1].members[0]}. Problems are collected, not
 * thrown: one import reports all of them at once.
 */
final class FileNode {
    private final Map<?, ?> map;
    private final String path;
    private final List<Problem> problems;

    private FileNode(Map<?, ?> map, String path, List<Problem> problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    /** The node at {@code path}, or null (and a problem) when {@code value} is not a mapping. */
    static FileNode of(Object value, String path, List<Problem> problems) {
        if (value instanceof Map<?, ?> m) {
            return new FileNode(m, path, problems);
        }
        problems.add(new Problem(path.isEmpty() ? "(file)" : path, "expected a mapping of fields, found "
                + describe(value)));
        return null;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    /** Fields this node may have; any other is reported (a misspelt field would otherwise be ignored). */
    void allow(String... keys) {
        Set<String> allowed = Set.of(keys);
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                problem(path(String.valueOf(key)), "unknown field (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
    }

    String text(String key) {
        Object value = map.get(key);
        if (value == null) {
            problem(path(key), "is required");
            return null;
        }
        return scalar(key, value);
    }

    String text(String key, String fallback) {
        Object value = map.get(key);
        return value == null ? fallback : scalar(key, value);
    }

    /** The field parsed by {@code parser}; a parser's IllegalArgumentException or DateTimeException becomes a problem. */
    <T> T parsed(String key, String fallback, Function<String, T> parser, String expected) {
        String text = fallback == null ? text(key) : text(key, fallback);
        return text == null ? null : parse(path(key), text, parser, expected);
    }

    <T> T parse(String fieldPath, String text, Function<String, T> parser, String expected) {
        try {
            return parser.apply(text.trim());
        } catch (RuntimeException e) {
            // Our own parsers (hours, holiday dates) say what is wrong, quoting the text; the JDK's messages
            // ("Text '25:00' could not be parsed…", "No enum constant…") are not written for the file's author.
            String why = e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().contains("'")
                    ? e.getMessage() : "'" + text + "' is not " + expected;
            problem(fieldPath, why);
            return null;
        }
    }

    int integer(String key, int fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        Integer parsed = parse(path(key), String.valueOf(value), Integer::valueOf, "a whole number");
        return parsed == null ? fallback : parsed;
    }

    boolean bool(String key, boolean fallback) {
        Object value = map.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        String text = String.valueOf(value).trim();
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        problem(path(key), "'" + text + "' is not true or false");
        return fallback;
    }

    /** The items of a list field (empty when absent), each with its path. */
    List<Item> list(String key) {
        Object value = map.get(key);
        List<Item> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        if (!(value instanceof List<?> list)) {
            problem(path(key), "expected a list, found " + describe(value));
            return items;
        }
        for (int i = 0; i < list.size(); i++) {
            items.add(new Item(list.get(i), path(key) + "[" + i + "]"));
        }
        return items;
    }

    /** The scalar items of a list field as text; a non-scalar item is a problem. */
    List<String> texts(String key) {
        List<String> texts = new ArrayList<>();
        for (Item item : list(key)) {
            if (item.value() instanceof Map<?, ?> || item.value() instanceof List<?> || item.value() == null) {
                problem(item.path(), "expected a single value, found " + describe(item.value()));
            } else {
                texts.add(String.valueOf(item.value()).trim());
            }
        }
        return texts;
    }

    FileNode child(String key) {
        return map.get(key) == null ? null : of(map.get(key), path(key), problems);
    }

    void problem(String fieldPath, String message) {
        problems.add(new Problem(fieldPath, message));
    }

    private String scalar(String key, Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            problem(path(key), "expected a single value, found " + describe(value));
            return null;
        }
        return String.valueOf(value).trim();
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        return value instanceof Map<?, ?> ? "a mapping" : value instanceof List<?> ? "a list" : "'" + value + "'";
    }

    /** A list item and its path, e.g. {@code lines[0].numbers[1]}. */
    record Item(Object value, String path) {
        FileNode node(List<Problem> problems) {
            return FileNode.of(value, path, problems);
        }
    }
}
