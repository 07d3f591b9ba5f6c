package org.afterhours.db;

/**
 * The database could not be started, migrated, read or written. Unchecked: callers either let it
 * end the command (startup) or catch it at one place and retry (the journal writer).
 */
public class DatabaseException extends RuntimeException {

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    public DatabaseException(String message) {
        super(message);
    }
}
