package dev.filial.hq.consolidation;

import dev.filial.hq.routing.Audience;
import dev.filial.hq.routing.Router;
import dev.filial.node.capture.RowKey;
import dev.filial.node.store.Column;
import dev.filial.node.store.Conformance;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.node.store.ValidationException;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.Operation;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.change.Transaction;
import dev.filial.protocol.change.Uuid7;
import dev.filial.protocol.change.Value;
import dev.filial.protocol.clock.Hlc;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * Decides incoming transactions one by one against HQ's {@link WorkingRows} (BRIEF section 5):
 * validates each whole (a failing one is rejected and reverted at its origin), then per change and
 * per column: a column whose old value is HQ's current value is accepted; otherwise both sides changed
 * it and the column's {@link Policy} decides. Accepted changes move the working rows and stamps on.
 */
final class Judge {

    private final WorkingRows rows;
    private final ColumnClocks clocks;
    private final ConflictPolicies policies;
    private final Router router;
    private final NodeCode hub;
    private final ConflictRecords records;
    private final Consumer<Judgement> duplicates;
    /** Rows moved in this run, as they were before the first move: their old nodes hold them until the run ends. */
    private final Map<RowKey, Map<String, Value>> movedFrom = new HashMap<>();

    Judge(WorkingRows rows, ColumnClocks clocks, ConflictPolicies policies, Router router, NodeCode hub,
          ConflictRecords records, Consumer<Judgement> duplicates) {
        this.rows = rows;
        this.clocks = clocks;
        this.policies = policies;
        this.router = router;
        this.hub = hub;
        this.records = records;
        this.duplicates = duplicates;
    }

    Judgement judge(Transaction transaction, NodeCode sender) {
        Judgement judgement = new Judgement(transaction);
        Optional<String> invalid = validate(transaction, sender);
        if (invalid.isPresent()) {
            reject(judgement, invalid.get());
            return judgement;
        }
        Stamp stamp = new Stamp(transaction.hlc(), transaction.origin().toString());
        for (RowChange change : transaction.changes()) {
            Table table = Schema.table(change.table()).orElseThrow();
            switch (change.operation()) {
                case INSERT -> insert(judgement, table, change, stamp);
                case UPDATE -> update(judgement, table, change, stamp);
                case DELETE -> delete(judgement, table, change, stamp);
                default -> throw new IllegalStateException("unknown operation " + change.operation());
            }
        }
        duplicates.accept(judgement);
        return judgement;
    }

    private void insert(Judgement judgement, Table table, RowChange change, Stamp stamp) {
        Map<String, Value> values = Conformance.conform(table, change.newValues(), true);
        Optional<Map<String, Value>> current = rows.copy(table, change.rowId());
        if (current.isPresent()) {
            // the row exists already (the same id inserted twice): every differing column is a conflict
            settleColumns(judgement, table, change.rowId(), current.get(), values, null, stamp);
            dropAtOriginIfOutOfScope(judgement, table, change.rowId());
            return;
        }
        Map<String, Value> row = new LinkedHashMap<>();
        table.columns().forEach(column -> row.put(column.name(), values.getOrDefault(column.name(), Value.NULL)));
        rows.put(table, change.rowId(), row);
        clocks.wrote(new RowKey(table.name(), change.rowId()), ColumnClocks.ROW, stamp);
        judgement.accept(RowChange.insert(table.name(), change.rowId(), row), router.audience(table, row, rows));
        dropAtOriginIfOutOfScope(judgement, table, change.rowId());
    }

    private void update(Judgement judgement, Table table, RowChange change, Stamp stamp) {
        Map<String, Value> wanted = Conformance.conform(table, change.newValues(), false);
        Map<String, Value> old = Conformance.conform(table, change.oldValues(), false);
        Optional<Map<String, Value>> current = rows.copy(table, change.rowId());
        if (current.isEmpty()) {
            updateOfDeleted(judgement, table, change.rowId(), wanted, stamp);
            return;
        }
        settleColumns(judgement, table, change.rowId(), current.get(), wanted, old, stamp);
        dropAtOriginIfOutOfScope(judgement, table, change.rowId());
    }

    /**
     * An update of a row HQ deleted (validation let it through, so HQ had it). Under update-wins the row
     * comes back with its last values and the update, and goes to every node it is routed to; otherwise,
     * or when HQ has no last values or a row it refers to is gone too, the update is dropped and the
     * origin deletes the row.
     */
    private void updateOfDeleted(Judgement judgement, Table table, String id, Map<String, Value> wanted, Stamp stamp) {
        Policy policy = policies.updateVsDelete();
        Optional<Map<String, Value>> last =
                policy == Policy.UPDATE_WINS ? rows.lastDeleted(table, id) : Optional.empty();
        if (last.isPresent()) {
            Map<String, Value> row = new LinkedHashMap<>();
            table.columns().forEach(column -> row.put(column.name(), last.get().getOrDefault(column.name(),
                    Value.NULL)));
            row.putAll(wanted);
            Optional<String> missing = missingReference(table, row, (target, ref) -> rows.find(target, ref).isPresent())
                    .map(reference -> reference + ", which is gone");
            if (missing.isEmpty()) {
                rows.put(table, id, row);
                clocks.wrote(new RowKey(table.name(), id), ColumnClocks.ROW, stamp);
                judgement.accept(RowChange.insert(table.name(), id, row), router.audience(table, row, rows));
                judgement.conflicts.add(records.rowConflict("update-delete", table, id, policy, judgement.incoming,
                        wanted, last.get(), "incoming", "HQ had deleted the row; the update brought it back with its "
                                + "last values"));
                if (!Router.followers(table).isEmpty()) {
                    // it comes back from no node (an empty "before"): ScopeMoves brings its dependants HQ kept
                    moved(judgement, table, id, Map.of());
                }
                dropAtOriginIfOutOfScope(judgement, table, id);
                return;
            }
            judgement.conflicts.add(records.rowConflict("update-delete", table, id, policy, judgement.incoming,
                    wanted, null, "current", "HQ had deleted the row and cannot bring it back: " + missing.get()));
        } else {
            judgement.conflicts.add(records.rowConflict("update-delete", table, id, policy, judgement.incoming,
                    wanted, null, "current", "HQ had deleted the row; the update was dropped"));
        }
        judgement.toOrigin.add(RowChange.delete(table.name(), id, Map.of()));
    }

    /** The first reference of {@code row} to a row that does not {@code exist}, as "column names table id". */
    private static Optional<String> missingReference(Table table, Map<String, Value> row,
                                                     BiPredicate<Table, String> exists) {
        for (Column column : table.references()) {
            Table target = Schema.referred(column);
            if (row.get(column.name()) instanceof Value.Text ref && !exists.test(target, ref.value())) {
                return Optional.of(column.name() + " names " + target.name() + " " + ref.value());
            }
        }
        return Optional.empty();
    }

    /**
     * Sends the origin a delete of a row it wrote that HQ does not route to it: the row left the
     * origin's scope while the write was on its way (a counterparty reassigned or deleted at HQ, a
     * contact added under a counterparty that moved away). Without it the origin would keep the row
     * for ever, since nothing else HQ sends names that node. The audit log is the origin's own.
     */
    private void dropAtOriginIfOutOfScope(Judgement judgement, Table table, String id) {
        Optional<Map<String, Value>> row = rows.find(table, id);
        NodeCode origin = judgement.incoming.origin();
        if (table != Schema.AUDIT_ENTRY && row.isPresent() && !reaches(origin, table, id, row.get())) {
            judgement.toOrigin.add(RowChange.delete(table.name(), id, Map.of()));
        }
    }

    /**
     * Whether HQ routes {@code row} to {@code node}: it is in the row's audience now, or was before this
     * run moved the row or its parent, in which case {@link ScopeMoves} settles the node at the end of the
     * run (a row moved away and back within one run stays where it was).
     */
    private boolean reaches(NodeCode node, Table table, String id, Map<String, Value> row) {
        if (router.audience(table, row, rows).includes(node)) {
            return true;
        }
        Map<String, Value> before = movedFrom.getOrDefault(new RowKey(table.name(), id), row);
        return router.audience(table, before, beforeMoves()).includes(node);
    }

    /** The rows as they were before this run moved them; the others as they are now, or were when deleted. */
    private Router.Rows beforeMoves() {
        Router.Rows now = rows.withRemoved();
        return (parent, id) -> {
            Map<String, Value> before = movedFrom.get(new RowKey(parent.name(), id));
            return before != null ? Optional.of(before) : now.find(parent, id);
        };
    }

    /**
     * Decides column by column ({@code old} null: no old values, every difference conflicts), applies the
     * winners to the working row and answers the origin for the columns it lost.
     */
    private void settleColumns(Judgement judgement, Table table, String id, Map<String, Value> current,
                               Map<String, Value> wanted, Map<String, Value> old, Stamp stamp) {
        RowKey key = new RowKey(table.name(), id);
        Map<String, Value> before = new LinkedHashMap<>(current);
        Map<String, Value> won = new LinkedHashMap<>();
        Map<String, Value> wonOld = new LinkedHashMap<>();
        Map<String, Value> lost = new LinkedHashMap<>();
        Map<String, Value> lostOld = new LinkedHashMap<>();
        for (Map.Entry<String, Value> column : wanted.entrySet()) {
            String name = column.getKey();
            Value incoming = column.getValue();
            Value now = current.getOrDefault(name, Value.NULL);
            if (incoming.equals(now)) {
                continue;
            }
            boolean conflict = old == null || !old.getOrDefault(name, Value.NULL).equals(now);
            boolean incomingWins = true;
            if (conflict) {
                Policy policy = policies.of(table.name(), name);
                Stamp held = clocks.of(key, name);
                incomingWins = wins(policy, stamp, held, owner(table, current));
                judgement.conflicts.add(records.columnConflict(table, id, name, policy, judgement.incoming, incoming,
                        now, held, incomingWins));
            }
            if (incomingWins) {
                won.put(name, incoming);
                wonOld.put(name, now);
                clocks.wrote(key, name, stamp);
            } else {
                lost.put(name, now);
                lostOld.put(name, incoming);
            }
        }
        if (!lost.isEmpty()) {
            judgement.toOrigin.add(RowChange.update(table.name(), id, lost, lostOld));
        }
        if (won.isEmpty()) {
            return;
        }
        Map<String, Value> after = new LinkedHashMap<>(current);
        after.putAll(won);
        Audience was = router.audience(table, before, rows);
        // the nodes holding the row now: also where its parent was before this run moved or deleted it
        Audience held = holders(table, before);
        rows.put(table, id, after);
        Audience is = router.audience(table, after, rows);
        if (!was.equals(is) || !held.equals(is)) {
            moved(judgement, table, id, before);
        }
        judgement.accept(RowChange.update(table.name(), id, won, wonOld), held.and(is, router.everyone()));
    }

    private void delete(Judgement judgement, Table table, RowChange change, Stamp stamp) {
        Optional<Map<String, Value>> current = rows.copy(table, change.rowId());
        if (current.isEmpty()) {
            return;
        }
        Map<String, Value> old = Conformance.conform(table, change.oldValues(), false);
        boolean changedSince = false;
        for (Map.Entry<String, Value> column : old.entrySet()) {
            changedSince |= !column.getValue().equals(current.get().getOrDefault(column.getKey(), Value.NULL));
        }
        Policy policy = policies.updateVsDelete();
        if (changedSince && policy == Policy.UPDATE_WINS) {
            judgement.conflicts.add(records.rowConflict("update-delete", table, change.rowId(), policy,
                    judgement.incoming, null, current.get(), "current",
                    "the row changed at HQ after the node read it; the delete was refused and the row sent back"));
            if (reaches(judgement.incoming.origin(), table, change.rowId(), current.get())) {
                // back only to an origin HQ still routes it to: the change may have moved it away
                judgement.toOrigin.add(RowChange.insert(table.name(), change.rowId(), current.get()));
            }
            return;
        }
        if (changedSince) {
            judgement.conflicts.add(records.rowConflict("update-delete", table, change.rowId(), policy,
                    judgement.incoming, null, current.get(), "incoming",
                    "the row changed at HQ after the node read it; the delete was applied"));
        }
        Audience was = holders(table, current.get());
        rows.remove(table, change.rowId());
        clocks.wrote(new RowKey(table.name(), change.rowId()), ColumnClocks.ROW, stamp);
        judgement.accept(RowChange.delete(table.name(), change.rowId(), current.get()), was);
        if (!Router.followers(table).isEmpty()) {
            // its dependants HQ still has (added elsewhere meanwhile) lose every node: ScopeMoves takes them away
            moved(judgement, table, change.rowId(), current.get());
        }
    }

    /** Records a row whose audience changed, for {@link ScopeMoves} at the end of the run. */
    private void moved(Judgement judgement, Table table, String id, Map<String, Value> before) {
        judgement.moves.add(new Judgement.Move(table, id, before));
        movedFrom.putIfAbsent(new RowKey(table.name(), id), before);
    }

    /**
     * The nodes that hold {@code row} at this point of the hub log: those its parent names now, and those
     * its parent named before it moved in this run (they are only told at the end of the run). A parent
     * deleted earlier in the run still names its nodes.
     */
    private Audience holders(Table table, Map<String, Value> row) {
        Audience current = router.audience(table, row, rows.withRemoved());
        Audience earlier = router.audience(table, row, beforeMoves());
        if (current.all() || earlier.all()) {
            return Audience.ALL;
        }
        Set<NodeCode> nodes = current.nodes(router.everyone());
        nodes.addAll(earlier.nodes(router.everyone()));
        return Audience.of(nodes);
    }

    /** Whether the incoming write beats the one that set HQ's current value, under {@code policy}. */
    private static boolean wins(Policy policy, Stamp incoming, Stamp held, String owner) {
        switch (policy) {
            case HQ_WINS:
                return false;
            case OWNER_WINS:
                if (incoming.origin().equals(owner)) {
                    return true;
                }
                if (held.origin().equals(owner)) {
                    return false;
                }
                return incoming.compareTo(held) > 0;
            case LATEST_WINS:
            case MANUAL:
                return incoming.compareTo(held) > 0;
            default:
                throw new IllegalStateException(policy + " is not a column policy");
        }
    }

    /** The node that owns a row: a counterparty's (or its dependant's) owning branch; HQ for the rest. */
    private String owner(Table table, Map<String, Value> row) {
        Value branch = row.get("owning_branch");
        if (branch == null && row.get("counterparty_id") instanceof Value.Text id) {
            branch = rows.find(Schema.COUNTERPARTY, id.value()).map(c -> c.get("owning_branch")).orElse(null);
        }
        return branch instanceof Value.Text text ? text.value() : hub.toString();
    }

    /** Why the transaction cannot be accepted at all, if it cannot. */
    private Optional<String> validate(Transaction transaction, NodeCode sender) {
        if (!transaction.origin().equals(sender)) {
            return Optional.of("transaction " + transaction.id() + " claims origin " + transaction.origin()
                    + " but came from " + sender + "; a node sends only its own transactions");
        }
        Set<RowKey> created = new HashSet<>();
        Set<RowKey> deleted = new HashSet<>();
        for (RowChange change : transaction.changes()) {
            Optional<Table> found = Schema.table(change.table());
            if (found.isEmpty()) {
                return Optional.of("unknown table " + change.table() + " (schema " + Schema.VERSION + ")");
            }
            Table table = found.get();
            RowKey key = new RowKey(table.name(), change.rowId());
            try {
                Map<String, Value> values = change.operation() == Operation.INSERT
                        ? Conformance.conform(table, change.newValues(), true)
                        : Conformance.conform(table, change.newValues(), false);
                Conformance.conform(table, change.oldValues(), false);
                Optional<String> missing =
                        missingReference(table, values, (target, id) -> exists(target, id, created, deleted));
                if (missing.isPresent()) {
                    return Optional.of(table.name() + " " + change.rowId() + ": " + missing.get()
                            + ", which HQ does not have");
                }
            } catch (ValidationException e) {
                return Optional.of(e.getMessage());
            }
            boolean known = exists(table, change.rowId(), created, deleted) || rows.tombstoned(table, change.rowId());
            if (change.operation() == Operation.UPDATE && !known) {
                return Optional.of("update of " + table.name() + " " + change.rowId() + ", which HQ never had");
            }
            if (change.operation() == Operation.INSERT) {
                created.add(key);
                deleted.remove(key);
            } else if (change.operation() == Operation.DELETE) {
                deleted.add(key);
                created.remove(key);
            }
        }
        return Optional.empty();
    }

    private boolean exists(Table table, String id, Set<RowKey> created, Set<RowKey> deleted) {
        RowKey key = new RowKey(table.name(), id);
        return created.contains(key) || !deleted.contains(key) && rows.find(table, id).isPresent();
    }

    /**
     * Logs the rejection and puts each touched row back at the origin as HQ has it, or deletes it there
     * when HQ has none or does not route it to the origin.
     */
    private void reject(Judgement judgement, String reason) {
        RowChange first = judgement.incoming.changes().get(0);
        judgement.conflicts.add(records.rejected(first, judgement.incoming, reason));
        Set<RowKey> reverted = new HashSet<>();
        for (RowChange change : judgement.incoming.changes()) {
            Optional<Table> table = Schema.table(change.table());
            if (table.isEmpty() || !reverted.add(new RowKey(change.table(), change.rowId()))) {
                continue;
            }
            Optional<Map<String, Value>> current = rows.copy(table.get(), change.rowId());
            boolean routed = current.isPresent() && (table.get() == Schema.AUDIT_ENTRY
                    || reaches(judgement.incoming.origin(), table.get(), change.rowId(), current.get()));
            judgement.toOrigin.add(routed
                    ? RowChange.insert(change.table(), change.rowId(), current.get())
                    : RowChange.delete(change.table(), change.rowId(), Map.of()));
        }
    }

    /** A fresh transaction of HQ's carrying {@code changes}. */
    static Transaction fromHub(NodeCode hub, Hlc hlc, List<RowChange> changes) {
        return new Transaction(Uuid7.next(), hub, hlc, changes);
    }
}
