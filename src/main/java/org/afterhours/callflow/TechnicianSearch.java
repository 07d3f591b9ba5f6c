package org.afterhours.callflow;

/**
 * One emergency caller's search for a technician, started by {@link TechnicianConnector#startSearch}: phones ring
 * from the start, whatever the caller hears meanwhile.
 */
public interface TechnicianSearch extends AutoCloseable {

    /** Whether a technician has accepted already: the caller should be put through without more prompts. */
    boolean accepted();

    /**
     * Holds the caller until someone accepts (then connects them and returns when the conversation is over), nobody
     * can be reached, or the caller chooses to leave a message.
     */
    TechnicianConnector.Result holdAndConnect();

    /**
     * The caller's flow has left the search, connected or not (a hang-up too): whatever still rings is hung up.
     * Idempotent.
     */
    @Override
    void close();

    /** A search that had ended before it began (nobody to ring, no way to ring them): no phone rings. */
    static TechnicianSearch ended(TechnicianConnector.Result result) {
        return new TechnicianSearch() {
            @Override
            public boolean accepted() {
                return false;
            }

            @Override
            public TechnicianConnector.Result holdAndConnect() {
                return result;
            }

            @Override
            public void close() {
            }
        };
    }
}
