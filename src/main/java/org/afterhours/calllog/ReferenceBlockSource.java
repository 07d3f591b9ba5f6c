package org.afterhours.calllog;

/**
 * Where blocks of reference numbers come from: a counter shared by every node (a database sequence), so two nodes
 * never hold the same block.
 */
public interface ReferenceBlockSource {
    /** @return a block index never handed out before, from 0 upwards; throws when the source is unreachable */
    long allocateBlock();
}
