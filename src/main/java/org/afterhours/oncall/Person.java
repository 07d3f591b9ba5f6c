package org.afterhours.oncall;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Someone who can be called. Contact points are in order of preference. An inactive person stays in the
 * data (history, pay forms) but is never called: wherever they would be on call, nobody is, and the
 * coverage report says so.
 */
public record Person(String id, String name, Set<String> roles, List<ContactPoint> contactPoints, String email,
        ZoneId zone, boolean active) {
    public Person {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zone, "zone");
        roles = Set.copyOf(roles);
        contactPoints = List.copyOf(contactPoints);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
