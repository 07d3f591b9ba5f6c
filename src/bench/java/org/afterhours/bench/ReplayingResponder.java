package org.afterhours.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.afterhours.simulator.ResAgiResponder;

/**
 * {@link ResAgiResponder}'s replies without its per-command parsing: every call plays the same script, so the reply
 * to a command depends only on the commands before it. The first call to reach a command asks a real
 * {@link ResAgiResponder} (replaying the call's earlier commands into it) and remembers the answer in a tree shared by
 * all calls; later calls follow the tree with one hash look-up a command. The strings are ResAgiResponder's by
 * construction. A call that leaves the tree once it is full gets a ResAgiResponder of its own.
 */
final class ReplayingResponder {
    private static final int MOST_NODES = 1_000;

    private final String keys;
    private final Node root = new Node(null, null, null);
    private final AtomicInteger nodes = new AtomicInteger();

    ReplayingResponder(String keys) {
        this.keys = keys;
    }

    /** One call's position in the tree. */
    Call newCall() {
        return new Call();
    }

    final class Call {
        private Node at = root;
        private ResAgiResponder own;

        /** The lines Asterisk writes back for one command line, each ended by a newline. */
        String reply(String command) {
            if (own != null) {
                return join(own.reply(command));
            }
            Node next = at.children.get(command);
            if (next == null) {
                if (nodes.get() >= MOST_NODES) {
                    own = replayed(at);
                    return join(own.reply(command));
                }
                Node from = at;
                next = at.children.computeIfAbsent(command, c -> {
                    nodes.incrementAndGet();
                    return new Node(from, c, join(replayed(from).reply(c)));
                });
            }
            at = next;
            return next.reply;
        }
    }

    /** A responder in the state a call is in after the commands on the path to {@code node}. */
    private ResAgiResponder replayed(Node node) {
        List<String> path = new ArrayList<>();
        for (Node n = node; n.parent != null; n = n.parent) {
            path.addFirst(n.command);
        }
        ResAgiResponder asterisk = new ResAgiResponder(keys, 0);
        path.forEach(asterisk::reply);
        return asterisk;
    }

    private static String join(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    private static final class Node {
        final Node parent;
        final String command;
        final String reply;
        final Map<String, Node> children = new ConcurrentHashMap<>();

        Node(Node parent, String command, String reply) {
            this.parent = parent;
            this.command = command;
            this.reply = reply;
        }
    }
}
