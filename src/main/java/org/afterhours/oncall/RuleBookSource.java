package org.afterhours.oncall;

/** Where a {@link RefreshingRuleBook} loads its setups from (the database, in the server). */
public interface RuleBookSource {

    /** A number that changes whenever the stored setup does; cheap to ask often. */
    long version();

    /** The stored setup and the version it has, read consistently. */
    VersionedSetup load();

    record VersionedSetup(long version, OnCallSetup setup) {
    }
}
