package org.afterhours.oncall;

/**
 * The stored setup, for the few changes the console makes (a manager's override). {@link #replace} validates the
 * whole setup as an import does and stores it in one transaction, or throws {@link SetupException} and stores nothing.
 */
public interface SetupStore {
    OnCallSetup current();

    void replace(OnCallSetup setup);
}
