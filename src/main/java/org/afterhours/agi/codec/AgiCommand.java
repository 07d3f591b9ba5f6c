package org.afterhours.agi.codec;

/**
 * A command ready for the wire.
 *
 * @param verb the command's name as Asterisk knows it ({@code STREAM FILE}); safe to log
 * @param line the full line without the trailing newline
 */
public record AgiCommand(String verb, String line) {
    @Override
    public String toString() {
        return line;
    }
}
