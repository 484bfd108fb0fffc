package dev.filial.hq.bench;

import dev.filial.hq.Hub;
import dev.filial.hq.routing.Router;
import dev.filial.hq.routing.Scope;
import dev.filial.node.Node;
import dev.filial.node.exchange.SyncReport;
import dev.filial.node.store.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Checks after a run that everything arrived: nothing refused, no conflict, the same rows everywhere. */
final class Checks {

    private Checks() {
    }

    static void arrived(BenchNetwork network, BranchEdits edits, long changes, SyncReport... reports) {
        List<String> refused = new ArrayList<>();
        for (SyncReport report : reports) {
            refused.addAll(report.refused());
        }
        arrived(network, edits, changes, reports[0].pushedChanges(), refused);
    }

    /**
     * Nothing was refused, the branch sent exactly {@code changes}, HQ logged no conflict, and the rows
     * are the same at the three nodes.
     */
    static void arrived(BenchNetwork network, BranchEdits edits, long changes, long sentByBranch,
                        List<String> refused) {
        if (!refused.isEmpty()) {
            throw new IllegalStateException("refused: " + refused);
        }
        if (sentByBranch != changes) {
            throw new IllegalStateException("the branch pushed " + sentByBranch + " changes, not " + changes);
        }
        if (!network.hub().conflicts().list(null, 1).isEmpty()) {
            throw new IllegalStateException("HQ logged a conflict: " + network.hub().conflicts().list(null, 1));
        }
        sameRows(network, edits);
    }

    /** The tables {@code edits} wrote hold the same rows at the branch, HQ and the agent. */
    static void sameRows(BenchNetwork network, BranchEdits edits) {
        for (Table table : edits.tables()) {
            String branch = digest(network.branch(), table);
            String hq = digest(network.hub().node(), table);
            String agent = digest(network.agent(), table);
            if (!branch.equals(hq) || !branch.equals(agent)) {
                throw new IllegalStateException(table.name() + " differs: branch " + branch + " ("
                        + BenchNetwork.count(network.branch(), table.name()) + " rows), HQ " + hq + " ("
                        + BenchNetwork.count(network.hub().node(), table.name()) + "), agent " + agent + " ("
                        + BenchNetwork.count(network.agent(), table.name()) + ")");
            }
        }
    }

    /** How {@code node}'s rows differ from HQ's view of its scope; empty when it holds exactly that. */
    static Map<String, String> scopeDifferences(BenchNetwork network, Node node) {
        Hub hub = network.hub();
        Router router = hub.node().database().read(connection -> hub.consolidator().router(connection));
        return Scope.of(hub.node().database(), router, node.config().code()).differences(
                Scope.held(node.database()));
    }

    /** SHA-256 over every row of {@code table} in id order, all columns as text. */
    static String digest(Node node, Table table) {
        return node.database().read(connection -> {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            try (var statement = connection.prepareStatement("SELECT * FROM " + table.name() + " ORDER BY id");
                 ResultSet rows = statement.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int i = 1; i <= columns; i++) {
                        sha.update(String.valueOf(rows.getString(i)).getBytes(StandardCharsets.UTF_8));
                        sha.update((byte) 0);
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        });
    }
}
