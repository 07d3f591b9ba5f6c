package org.afterhours.calllog;

import java.util.List;

/** Finds the calls a dead run of a node left open in the call log. */
public interface LeftOpenCalls {
    /** Calls started by {@code node} in any run but {@code currentRun} whose record has no end. */
    List<LeftOpenCall> leftOpen(String node, String currentRun);
}
