package org.afterhours.calllog;

/** Hands out reference numbers; never blocks a call on the database. */
public interface ReferenceNumbers {
    ReferenceNumber next();
}
