package org.afterhours.oncall;

/**
 * What is wrong with a setup and where: {@code rotations[1].members[0]: unknown person 'bob'}. The path names
 * the field as it is written in the import file, so a person can find it.
 */
public record Problem(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
