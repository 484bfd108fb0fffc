package dev.filial.node.capture;

import java.util.List;

/**
 * What applying one incoming transaction did.
 *
 * @param applied  row changes written
 * @param kept     descriptions of columns or rows left as they are because a local change of them is
 *                 not acknowledged yet ({@code table/row/column})
 * @param skipped  row changes with nothing to act on (an update or delete of a row this node does not hold)
 */
public record ApplyOutcome(int applied, List<String> kept, int skipped) {
}
