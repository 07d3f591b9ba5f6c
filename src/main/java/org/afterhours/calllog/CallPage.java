package org.afterhours.calllog;

import java.util.List;

/** One page of the call log; {@code hasNext} when at least one more call matches. */
public record CallPage(List<CallSummary> calls, int page, int pageSize, boolean hasNext) {
    public CallPage {
        calls = List.copyOf(calls);
    }
}
