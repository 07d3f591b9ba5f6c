package org.afterhours.oncall;

import java.util.Objects;

/** Whom an escalation step rings. */
public sealed interface StepTarget {

    /** For humans and reports: {@code primary on call}, {@code role Support Manager}, … */
    String describe();

    /** The calling line's rotation, this position: a policy can serve several lines. */
    record OnCall(Position position) implements StepTarget {
        public OnCall {
            Objects.requireNonNull(position, "position");
        }

        @Override
        public String describe() {
            return position.word() + " on call";
        }
    }

    /** A position of a named rotation, whichever line is calling. */
    record RotationPosition(String rotationId, Position position) implements StepTarget {
        public RotationPosition {
            Objects.requireNonNull(rotationId, "rotationId");
            Objects.requireNonNull(position, "position");
        }

        @Override
        public String describe() {
            return position.word() + " of rotation " + rotationId;
        }
    }

    /** Every active person with this role, in the order people are listed. */
    record Role(String role) implements StepTarget {
        public Role {
            Objects.requireNonNull(role, "role");
        }

        @Override
        public String describe() {
            return "role " + role;
        }
    }

    /** One named person. */
    record NamedPerson(String personId) implements StepTarget {
        public NamedPerson {
            Objects.requireNonNull(personId, "personId");
        }

        @Override
        public String describe() {
            return "person " + personId;
        }
    }
}
