package dev.filial.hq.consolidation;

import dev.filial.hq.routing.Audience;
import dev.filial.hq.routing.HubLog;
import dev.filial.hq.routing.Router;
import dev.filial.node.capture.RowKey;
import dev.filial.node.capture.RowReader;
import dev.filial.node.store.Dialect;
import dev.filial.node.store.Schema;
import dev.filial.node.store.Table;
import dev.filial.protocol.change.NodeCode;
import dev.filial.protocol.change.RowChange;
import dev.filial.protocol.clock.HybridClock;
import dev.filial.protocol.change.Value;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Delivers rows to the nodes that gained them and removes them from the nodes that lost them, once
 * the changes that moved them are written (BRIEF section 6). A row moves with its followers
 * ({@link Router#followers}: a counterparty's contacts, activities, discount rules, deals, documents and
 * payments, a document's lines, a payment's allocations). Each node gets one transaction of HQ's:
 * full rows to insert (the counterparty first), or rows to delete (its dependants first).
 */
final class ScopeMoves {

    private final Router router;
    private final RowReader reader;
    private final NodeCode hub;
    private final HybridClock clock;

    ScopeMoves(Router router, Dialect dialect, NodeCode hub, HybridClock clock) {
        this.router = router;
        this.reader = new RowReader(dialect);
        this.hub = hub;
        this.clock = clock;
    }

    /** The hub log entries that carry out {@code moves}, against the rows as now written. */
    List<HubLog.Routed> entries(Connection connection, Dialect dialect, List<Judgement.Move> moves)
            throws SQLException {
        Map<RowKey, Judgement.Move> first = new LinkedHashMap<>();
        Map<RowKey, List<Map<String, Value>>> between = new LinkedHashMap<>();
        for (Judgement.Move move : moves) {
            RowKey key = new RowKey(move.table().name(), move.id());
            if (first.putIfAbsent(key, move) != null) {
                between.computeIfAbsent(key, k -> new ArrayList<>()).add(move.before());
            }
        }
        Map<NodeCode, List<RowChange>> deliveries = new TreeMap<>(Comparator.comparing(NodeCode::toString));
        Map<NodeCode, List<RowChange>> evictions = new TreeMap<>(Comparator.comparing(NodeCode::toString));
        for (Judgement.Move move : first.values()) {
            WorkingRows now = new WorkingRows(connection, dialect);
            Optional<Map<String, Value>> after = now.find(move.table(), move.id());
            // where the rows were: every row the run moved (this one, its old parent) as it was before
            Router.Rows then = (table, id) -> {
                Judgement.Move earlier = first.get(new RowKey(table.name(), id));
                return earlier != null ? Optional.of(earlier.before()) : now.find(table, id);
            };
            List<Map<String, Value>> states = between.getOrDefault(new RowKey(move.table().name(), move.id()),
                    List.of());
            for (Follower follower : followers(connection, move.table(), List.of(move.id()))) {
                List<Set<NodeCode>> meanwhile = new ArrayList<>();
                for (Map<String, Value> state : states) {
                    Router.Rows parent = (parentTable, parentId) ->
                            parentTable == move.table() && parentId.equals(move.id())
                                    ? Optional.of(state) : now.find(parentTable, parentId);
                    meanwhile.add(nodes(router.audience(follower.table, follower.row, parent)));
                }
                moveRow(follower.table, follower.id, follower.row, Optional.of(follower.row), meanwhile, then, now,
                        deliveries, evictions);
            }
            List<Set<NodeCode>> meanwhile = new ArrayList<>();
            states.forEach(state -> meanwhile.add(nodes(router.audience(move.table(), state, then))));
            moveRow(move.table(), move.id(), move.before(), after, meanwhile, then, now, deliveries, evictions);
        }
        List<HubLog.Routed> entries = new ArrayList<>();
        deliveries.forEach((node, changes) -> entries.add(toOne(node, deliveryOrder(changes))));
        evictions.forEach((node, changes) -> entries.add(toOne(node, evictionOrder(changes))));
        return entries;
    }

    /** A row that goes where a moved row goes, found through {@link Router#followers}. */
    private record Follower(Table table, String id, Map<String, Value> row) {
    }

    /** The rows that follow the rows {@code ids} of {@code parent}, and theirs in turn, parents first. */
    private List<Follower> followers(Connection connection, Table parent, List<String> ids) throws SQLException {
        List<Follower> found = new ArrayList<>();
        for (Router.Follower link : Router.followers(parent)) {
            Map<String, Map<String, Value>> rows = reader.where(connection, link.table(), link.column(), ids);
            rows.forEach((id, row) -> found.add(new Follower(link.table(), id, row)));
            if (!rows.isEmpty()) {
                found.addAll(followers(connection, link.table(), new ArrayList<>(rows.keySet())));
            }
        }
        return found;
    }

    /**
     * Delivers the row to the nodes that hold it after the run and did not before it, or that held it before
     * and after but not at some state {@code meanwhile} (the row left them and came back within the run:
     * changes routed while it was away did not reach them); and deletes it at the nodes that held it before
     * the run or at a state {@code meanwhile} (changes routed by that state reached them) and do not hold it
     * after. {@code meanwhile} has the audience of each state the row passed through within the run.
     */
    private void moveRow(Table table, String id, Map<String, Value> before, Optional<Map<String, Value>> after,
                         List<Set<NodeCode>> meanwhile, Router.Rows then, Router.Rows now,
                         Map<NodeCode, List<RowChange>> deliveries, Map<NodeCode, List<RowChange>> evictions) {
        Set<NodeCode> was = nodes(router.audience(table, before, then));
        Set<NodeCode> is = after.isPresent() ? nodes(router.audience(table, after.get(), now)) : Set.of();
        Set<NodeCode> visited = new TreeSet<>(Comparator.comparing(NodeCode::toString));
        meanwhile.forEach(visited::addAll);
        for (NodeCode node : visited) {
            if (!was.contains(node) && !is.contains(node)) {
                evictions.computeIfAbsent(node, n -> new ArrayList<>())
                        .add(RowChange.delete(table.name(), id, Map.of()));
            }
        }
        for (NodeCode node : is) {
            boolean away = was.contains(node) && meanwhile.stream().anyMatch(state -> !state.contains(node));
            if (!was.contains(node) || away) {
                deliveries.computeIfAbsent(node, n -> new ArrayList<>())
                        .add(RowChange.insert(table.name(), id, after.get()));
            }
        }
        for (NodeCode node : was) {
            if (!is.contains(node)) {
                evictions.computeIfAbsent(node, n -> new ArrayList<>())
                        .add(RowChange.delete(table.name(), id, Map.of()));
            }
        }
    }

    private Set<NodeCode> nodes(Audience audience) {
        Set<NodeCode> nodes = new TreeSet<>(Comparator.comparing(NodeCode::toString));
        nodes.addAll(audience.nodes(router.everyone()));
        return nodes;
    }

    /** Inserts with parents first: the moved rows were gathered dependants first. */
    private static List<RowChange> deliveryOrder(List<RowChange> changes) {
        List<RowChange> ordered = new ArrayList<>(changes);
        ordered.sort(Comparator.comparingInt(ScopeMoves::rank));
        return ordered;
    }

    /** Deletes with dependants first. */
    private static List<RowChange> evictionOrder(List<RowChange> changes) {
        List<RowChange> ordered = new ArrayList<>(changes);
        ordered.sort(Comparator.comparingInt(ScopeMoves::rank).reversed());
        return ordered;
    }

    private static int rank(RowChange change) {
        return Schema.TABLES.indexOf(Schema.table(change.table()).orElseThrow());
    }

    private HubLog.Routed toOne(NodeCode node, List<RowChange> changes) {
        Audience audience = Audience.of(List.of(node));
        return new HubLog.Routed(Judge.fromHub(hub, clock.now(), changes),
                Collections.nCopies(changes.size(), audience));
    }
}
