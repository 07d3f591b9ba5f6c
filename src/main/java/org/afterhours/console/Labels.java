package org.afterhours.console;

import java.util.Arrays;
import java.util.function.Function;
import org.afterhours.calllog.CallOutcome;
import org.afterhours.calllog.MessageStatus;
import org.afterhours.calllog.Triage;
import org.afterhours.calllog.Words;

/**
 * The words the pages show for the call record's codes, from {@link Words} (one place). A code
 * this version does not know (a newer node wrote it) is shown as it is; an empty one stays empty.
 */
final class Labels {
    private Labels() {
    }

    static String triage(String code) {
        return label(code, Triage.values(), Words::of);
    }

    static String outcome(String code) {
        return label(code, CallOutcome.values(), Words::of);
    }

    static String message(String code) {
        return label(code, MessageStatus.values(), Words::of);
    }

    private static <E extends Enum<E>> String label(String code, E[] values, Function<E, String> label) {
        if (code == null) {
            return "";
        }
        return Arrays.stream(values).filter(v -> v.name().equals(code)).findFirst().map(label).orElse(code);
    }
}
