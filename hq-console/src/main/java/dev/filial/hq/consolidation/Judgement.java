package dev.filial.hq.consolidation;

import dev.filial.hq.routing.Audience;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What HQ decided about one incoming transaction: the changes it accepts (applied at HQ and routed
 * on, each with its audience), the changes it sends back to the origin because HQ's value stands,
 * the conflict log entries, and the rows whose set of receiving nodes changed.
 */
final class Judgement {

    /**
     * A row whose audience changed; {@code before} is the row as it was before the first such change (empty
     * for a row brought back after a delete: it was at no node).
     */
    record Move(Table table, String id, Map<String, Value> before) {
    }

    final Transaction incoming;
    final List<RowChange> accepted = new ArrayList<>();
    final List<Audience> audiences = new ArrayList<>();
    final List<RowChange> toOrigin = new ArrayList<>();
    final List<Conflict> conflicts = new ArrayList<>();
    final List<Move> moves = new ArrayList<>();

    Judgement(Transaction incoming) {
        this.incoming = incoming;
    }

    void accept(RowChange change, Audience audience) {
        accepted.add(change);
        audiences.add(audience);
    }

    /** The accepted part, under the incoming transaction's id, origin and HLC; null when nothing was accepted. */
    Transaction acceptedTransaction() {
        return accepted.isEmpty() ? null
                : new Transaction(incoming.id(), incoming.origin(), incoming.hlc(), accepted);
    }
}
