package org.afterhours.oncall;

import java.util.List;
import java.util.stream.Collectors;

/** A setup was refused; {@link #problems()} says every reason, each with the path of the offending field. */
public final class SetupException extends RuntimeException {
    private final List<Problem> problems;

    public SetupException(List<Problem> problems) {
        super(problems.size() + " problem(s) in the on-call setup:\n  "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
