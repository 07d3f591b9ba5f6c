package org.afterhours.followup;

/** Does what one kind of deadline asks. Runs on the poller's thread, never on a call's. */
@FunctionalInterface
public interface DueHandler {
    /**
     * @return what came of it, for {@code due_work.result}
     * @throws RuntimeException when it could not be done: the item is retried later
     */
    String fire(DueWork item);
}
